/* engine.c - one run of `klynge compute`: read the reference files, map the extract (or its
 * cache), parse it into columns, chain contacts into admissions when the extract has
 * timestamps, compute the four indicators (and per cluster), apply discretion, and write
 * the files under temporary names that are renamed into place only when all are written. */
#include "engine/internal.h"

#include "core/buf.h"
#include "core/error.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

static const char *const reason_texts[ENGINE_NREASONS] = {
    "broken CSV quoting",
    "wrong number of fields",
    "admission_id not a number",
    "person_id not a number",
    "unknown municipality_code",
    "birth_year not a year",
    "birth_year after the admission",
    "admit date (or contact start) not a date",
    "discharge date (or contact end) not a date",
    "discharge before admit (or contact end before start)",
    "acute not yes or no",
    "primary_diagnosis too long",
};

const char *engine_reason_text(int r)
{
    return r >= 0 && r < ENGINE_NREASONS ? reason_texts[r] : "";
}

void engine_options_default(struct engine_options *o)
{
    memset(o, 0, sizeof(*o));
    o->out_dir = ".";
    o->chain_gap_seconds = 4 * 3600;
    o->min_stay_seconds = 12 * 3600;
}

/* Progress of the current phase, for the tick. */
struct progress {
    const struct engine_options *o;
    const char *phase;
    _Atomic uint64_t rows;
    double t0, last;
};

static void tick(void *arg)
{
    struct progress *p = arg;
    double now = engine_now();
    if (!p->o->progress || now - p->last < 0.25)
        return;
    p->last = now;
    p->o->progress(p->o->progress_ctx, p->phase, atomic_load(&p->rows), now - p->t0);
}

/* The hash of everything that shapes the parsed table besides the extract itself. */
static uint64_t fingerprint(const struct engine_options *o, const struct engine_munis *m)
{
    uint64_t h = engine_fnv(ENGINE_FNV_INIT, KLYNGE_VERSION, strlen(KLYNGE_VERSION));
    const char *cols = o->columns ? o->columns : "";
    h = engine_fnv(h, cols, strlen(cols) + 1);
    h = engine_fnv(h, &o->chain_gap_seconds, sizeof(o->chain_gap_seconds));
    h = engine_fnv(h, &o->min_stay_seconds, sizeof(o->min_stay_seconds));
    h = engine_fnv(h, m->code, sizeof(m->code[0]) * (size_t)m->n);
    return h;
}

/* Parses the extract at o->input into t. */
static int read_extract(const struct engine_options *o, const struct engine_munis *m,
                        int nthreads, struct progress *pr, struct engine_table *t,
                        struct engine_report *rep, struct kl_error *err)
{
    struct engine_layout lay;
    struct engine_table ct;
    struct stat st;
    char *map;
    int fd, rc;

    fd = open(o->input, O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return kl_error_set(err, KL_EIO, "%s: %s", o->input, strerror(errno));
    if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
        close(fd);
        return kl_error_set(err, KL_EIO, "%s: not a regular file", o->input);
    }
    if (st.st_size == 0) {
        close(fd);
        return kl_error_set(err, KL_EINVAL, "%s:1: the file is empty: expected a header line",
                            o->input);
    }
    map = mmap(NULL, (size_t)st.st_size, PROT_READ, MAP_PRIVATE, fd, 0);
    close(fd);
    if (map == MAP_FAILED)
        return kl_error_set(err, KL_EIO, "%s: %s", o->input, strerror(errno));
    rc = engine_layout_read(map, (size_t)st.st_size, o->columns, o->input, &lay, err);
    if (rc == 0) {
        memset(&ct, 0, sizeof(ct));
        pr->phase = "reading";
        rc = engine_parse(map, (size_t)st.st_size, &lay, m, o->skip_invalid, 1, nthreads,
                          lay.contacts ? &ct : t, rep, tick, pr, &pr->rows, err);
    }
    munmap(map, (size_t)st.st_size);
    if (rc || !lay.contacts)
        return rc;
    rep->contact_mode = 1;
    rep->contacts = ct.nrows;
    rc = engine_chain_table(&ct, o->chain_gap_seconds, o->min_stay_seconds, nthreads, t, rep,
                            err);
    engine_table_free(&ct);
    return rc;
}

struct outfile {
    char tmp[4200];
    char path[4200];
    int made;
};

/* Writes text to a new temporary file in dir for final name name. */
static int write_temp(const char *dir, const char *name, const struct buf *text,
                      struct outfile *f, struct kl_error *err)
{
    const char *p = buf_cstr(text);
    size_t n = text->len;
    int fd, a = snprintf(f->tmp, sizeof(f->tmp), "%s/.%s.XXXXXX", dir, name);
    int b = snprintf(f->path, sizeof(f->path), "%s/%s", dir, name);

    if (a < 0 || b < 0 || (size_t)a >= sizeof(f->tmp) || (size_t)b >= sizeof(f->path))
        return kl_error_set(err, KL_ELIMIT, "%s: path too long", dir);
    fd = mkstemp(f->tmp);
    if (fd < 0)
        return kl_error_set(err, KL_EIO, "%s: %s", f->tmp, strerror(errno));
    f->made = 1;
    fchmod(fd, 0644);
    while (n > 0) {
        ssize_t w = write(fd, p, n);
        if (w < 0 && errno == EINTR)
            continue;
        if (w <= 0) {
            int e = errno;
            close(fd);
            return kl_error_set(err, KL_EIO, "%s: %s", f->path, strerror(e));
        }
        p += w;
        n -= (size_t)w;
    }
    if (close(fd) != 0)
        return kl_error_set(err, KL_EIO, "%s: %s", f->path, strerror(errno));
    return 0;
}

/* Formats and writes every table (municipalities, then clusters when cl is set). */
static int write_all(const struct engine_options *o, struct engine_rows muni[ENGINE_NKINDS],
                     struct engine_rows clu[ENGINE_NKINDS], const struct engine_clusters *cl,
                     struct engine_report *rep, struct kl_error *err)
{
    struct outfile f[2 * ENGINE_NKINDS];
    struct buf text;
    int nf = 0, rc = 0;

    memset(f, 0, sizeof(f));
    if (mkdir(o->out_dir, 0755) != 0 && errno != EEXIST)
        return kl_error_set(err, KL_EIO, "%s: %s", o->out_dir, strerror(errno));
    buf_init(&text, 0);
    for (int level = 0; level < (cl ? 2 : 1) && rc == 0; level++) {
        for (int k = 0; k < ENGINE_NKINDS && rc == 0; k++) {
            buf_reset(&text);
            rc = engine_format(k, level ? &clu[k] : &muni[k],
                               level ? (const char(*)[64])cl->code : NULL, &text);
            if (rc)
                kl_error_set(err, rc, "%s: %s", engine_file_name(k, level),
                             kl_status_name(rc));
            else
                rc = write_temp(o->out_dir, engine_file_name(k, level), &text, &f[nf++], err);
        }
    }
    buf_free(&text);
    for (int i = 0; i < nf && rc == 0; i++)
        if (rename(f[i].tmp, f[i].path) != 0)
            rc = kl_error_set(err, KL_EIO, "%s: %s", f[i].path, strerror(errno));
        else
            f[i].made = 0, rep->files_written++;
    for (int i = 0; i < nf; i++)
        if (f[i].made)
            unlink(f[i].tmp);
    return rc;
}

int engine_run(const struct engine_options *o, struct engine_report *rep, struct kl_error *err)
{
    struct engine_munis munis;
    struct engine_dxgroups dx = {0};
    struct engine_population pop = {0};
    struct engine_clusters cl = {0};
    struct engine_table t;
    struct engine_calc calc;
    struct engine_rows muni[ENGINE_NKINDS], clu[ENGINE_NKINDS];
    uint32_t *links[ENGINE_NKINDS] = {0};
    size_t nlinks[ENGINE_NKINDS] = {0};
    struct progress pr = {.o = o, .phase = "reading"};
    char cache[4200];
    uint64_t fp;
    int nthreads = o->threads, rc, loaded = 0;
    double t0 = engine_now(), ts;

    memset(rep, 0, sizeof(*rep));
    memset(&t, 0, sizeof(t));
    memset(&calc, 0, sizeof(calc));
    memset(muni, 0, sizeof(muni));
    memset(clu, 0, sizeof(clu));
    atomic_init(&pr.rows, 0);
    pr.t0 = pr.last = t0;
    if (nthreads <= 0) {
        long n = sysconf(_SC_NPROCESSORS_ONLN);
        nthreads = n > 0 ? (int)n : 1;
    }
    if (nthreads > 64)
        nthreads = 64;
    if (!o->input || !o->population)
        return kl_error_set(err, KL_EINVAL, "an extract and a population file are needed");
    if ((rc = engine_munis_load(&munis, err)) != 0 ||
        (rc = engine_dxgroups_load(o->diagnosis_groups, &dx, err)) != 0 ||
        (rc = engine_population_load(o->population, &munis, &pop, err)) != 0 ||
        (o->cluster_file && (rc = engine_clusters_load(o->cluster_file, &munis, &cl, err)) != 0))
        goto out;

    /* the admissions: from the cache, or parsed */
    fp = fingerprint(o, &munis);
    if (o->use_cache) {
        if ((rc = engine_cache_path(o->input, cache, sizeof(cache), err)) != 0)
            goto out;
        rc = engine_cache_load(cache, o->input, fp, &t, rep, err);
        if (rc < 0)
            goto out;
        loaded = rc;
        rep->from_cache = loaded;
    }
    if (!loaded) {
        if ((rc = read_extract(o, &munis, nthreads, &pr, &t, rep, err)) != 0)
            goto out;
        if (o->use_cache) {
            struct kl_error cerr;
            kl_error_clear(&cerr);
            if (engine_cache_save(cache, o->input, fp, &t, rep, &cerr) == 0)
                rep->cache_written = 1;
            else
                snprintf(rep->cache_note, sizeof(rep->cache_note), "%.300s", cerr.msg);
        }
    }
    if (!o->skip_invalid) {
        /* a cache made with --skip-invalid: refuse as the parse would have */
        int first = -1;
        for (int r = 0; r < ENGINE_NREASONS; r++)
            if (rep->skipped[r] && (first < 0 || rep->first_line[r] < rep->first_line[first]))
                first = r;
        if (first >= 0) {
            rc = kl_error_set(err, KL_EINVAL, "%s", rep->first[first]);
            goto out;
        }
    }
    rep->rows_used = t.nrows;
    rep->seconds[ENGINE_T_READ] = engine_now() - t0;

    /* the indicators */
    if ((rc = engine_dict_flag(&t.dict, &dx)) != 0 ||
        (rc = engine_calc_init(&calc, &t, &munis, nthreads)) != 0) {
        kl_error_set(err, rc, "%s", kl_status_name(rc));
        goto out;
    }
    ts = engine_now();
    if ((rc = engine_monthly(&calc, &muni[ENGINE_MONTHLY], err)) != 0)
        goto out;
    rep->seconds[ENGINE_T_MONTHLY] = engine_now() - ts;
    ts = engine_now();
    if ((rc = engine_readmissions(&calc, &muni[ENGINE_READMISSIONS], err)) != 0)
        goto out;
    rep->seconds[ENGINE_T_READMISSIONS] = engine_now() - ts;
    ts = engine_now();
    if ((rc = engine_preventable(&calc, &muni[ENGINE_PREVENTABLE], err)) != 0)
        goto out;
    rep->seconds[ENGINE_T_PREVENTABLE] = engine_now() - ts;
    ts = engine_now();
    if ((rc = engine_bed_days(&calc, &pop, &muni[ENGINE_BED_DAYS], err)) != 0)
        goto out;
    rep->seconds[ENGINE_T_BED_DAYS] = engine_now() - ts;

    /* clusters, discretion, files */
    ts = engine_now();
    if (o->cluster_file &&
        (rc = engine_cluster_rollup(&cl, &munis, muni, clu, links, nlinks, err)) != 0)
        goto out;
    if (o->public_output) {
        for (int k = 0; k < ENGINE_NKINDS; k++) {
            engine_discretion_primary(k, &muni[k]);
            if (o->cluster_file) {
                engine_discretion_primary(k, &clu[k]);
                engine_discretion_secondary(k, &clu[k], &muni[k], links[k], nlinks[k]);
            }
        }
    }
    rc = write_all(o, muni, clu, o->cluster_file ? &cl : NULL, rep, err);
    rep->seconds[ENGINE_T_WRITE] = engine_now() - ts;
out:
    rep->seconds[ENGINE_T_TOTAL] = engine_now() - t0;
    for (int k = 0; k < ENGINE_NKINDS; k++) {
        engine_rows_free(&muni[k]);
        engine_rows_free(&clu[k]);
        free(links[k]);
    }
    engine_calc_free(&calc);
    engine_table_free(&t);
    engine_dxgroups_free(&dx);
    engine_population_free(&pop);
    engine_clusters_free(&cl);
    return rc;
}
