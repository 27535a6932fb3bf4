/* cache.c - the optional binary column cache next to the extract (INPUT.klynge-cache).
 *
 * It holds the parsed admissions as columns, page-aligned so that a later run maps them
 * straight in and skips parsing. It is tied to the extract as it was (size, modification
 * time, inode) and to the options that shape parsing (a fingerprint); anything else makes
 * the engine parse again and rewrite it. It holds person-level data: it is written mode
 * 0600, next to the input only, in this machine's byte order. */
#include "engine/internal.h"

#include "core/error.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#define CACHE_MAGIC "KLYNGEC"
#define CACHE_VERSION 1
#define CACHE_ALIGN 4096
#define NCOLS 8

struct cache_head {
    char magic[8];
    uint32_t version;
    uint32_t endian;
    uint64_t size;
    int64_t mtime_sec, mtime_nsec;
    uint64_t ino, dev;
    uint64_t fingerprint;
    uint64_t nrows, rows_read, contacts, stays, contact_mode;
    uint64_t skipped[ENGINE_NREASONS];
    char first[ENGINE_NREASONS][320];
    uint64_t first_line[ENGINE_NREASONS];
    uint64_t ndict, dict_bytes;
    uint64_t off_dict, off_bytes, off_col[NCOLS];
    uint64_t total;
};

static const size_t col_size[NCOLS] = {8, 8, 4, 4, 2, 1, 1, 4};

static uint64_t align(uint64_t n)
{
    return (n + CACHE_ALIGN - 1) & ~(uint64_t)(CACHE_ALIGN - 1);
}

int engine_cache_path(const char *input, char *out, size_t size, struct kl_error *err)
{
    int n = snprintf(out, size, "%s.klynge-cache", input);
    if (n < 0 || (size_t)n >= size)
        return kl_error_set(err, KL_ELIMIT, "%s: path too long for a cache", input);
    return 0;
}

/* The column pointers of segment s, in cache order. */
static void columns(const struct engine_segment *s, const void *col[NCOLS])
{
    col[0] = s->adm_id;
    col[1] = s->person;
    col[2] = s->admit;
    col[3] = s->discharge;
    col[4] = s->birth;
    col[5] = s->muni;
    col[6] = s->acute;
    col[7] = s->diag;
}

int engine_cache_load(const char *path, const char *input, uint64_t fingerprint,
                      struct engine_table *t, struct engine_report *rep, struct kl_error *err)
{
    struct stat in, st;
    struct cache_head h;
    struct engine_segment *seg;
    char *map;
    int fd;

    if (stat(input, &in) != 0)
        return kl_error_set(err, KL_EIO, "%s: %s", input, strerror(errno));
    fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return 0;
    if (fstat(fd, &st) != 0 || (size_t)st.st_size < sizeof(h) ||
        read(fd, &h, sizeof(h)) != (ssize_t)sizeof(h)) {
        close(fd);
        return 0;
    }
    if (memcmp(h.magic, CACHE_MAGIC, 8) != 0 || h.version != CACHE_VERSION ||
        h.endian != 0x01020304u || h.size != (uint64_t)in.st_size ||
        h.mtime_sec != (int64_t)in.st_mtim.tv_sec || h.mtime_nsec != (int64_t)in.st_mtim.tv_nsec ||
        h.ino != (uint64_t)in.st_ino || h.dev != (uint64_t)in.st_dev ||
        h.fingerprint != fingerprint || h.total != (uint64_t)st.st_size ||
        h.ndict >= UINT32_MAX || h.dict_bytes >= UINT32_MAX) {
        close(fd);
        return 0;
    }
    for (int i = 0; i < NCOLS; i++)
        if (h.off_col[i] + h.nrows * col_size[i] > h.total || h.off_col[i] % CACHE_ALIGN) {
            close(fd);
            return 0;
        }
    if (h.off_dict + (h.ndict + 1) * 4 > h.total || h.off_bytes + h.dict_bytes > h.total) {
        close(fd);
        return 0;
    }
    map = mmap(NULL, (size_t)h.total, PROT_READ, MAP_PRIVATE | MAP_POPULATE, fd, 0);
    close(fd);
    if (map == MAP_FAILED)
        return kl_error_set(err, KL_EIO, "%s: %s", path, strerror(errno));
    memset(t, 0, sizeof(*t));
    t->seg = calloc(1, sizeof(*t->seg));
    t->dict.off = malloc((h.ndict + 1) * sizeof(*t->dict.off));
    t->dict.bytes = malloc(h.dict_bytes ? h.dict_bytes : 1);
    if (!t->seg || !t->dict.off || !t->dict.bytes) {
        munmap(map, (size_t)h.total);
        engine_table_free(t);
        return kl_error_set(err, KL_ENOMEM, "%s: out of memory", path);
    }
    memcpy(t->dict.off, map + h.off_dict, (h.ndict + 1) * sizeof(*t->dict.off));
    memcpy(t->dict.bytes, map + h.off_bytes, h.dict_bytes);
    t->dict.n = t->dict.cap = (uint32_t)h.ndict;
    t->dict.nbytes = t->dict.bytes_cap = h.dict_bytes;
    for (uint64_t i = 0; i < h.ndict; i++)
        if (t->dict.off[i] > t->dict.off[i + 1] || t->dict.off[i + 1] > h.dict_bytes) {
            munmap(map, (size_t)h.total);
            engine_table_free(t);
            return 0;
        }
    t->nseg = 1;
    seg = &t->seg[0];
    seg->map = map;
    seg->map_len = (size_t)h.total;
    seg->n = seg->cap = (size_t)h.nrows;
    seg->adm_id = (uint64_t *)(map + h.off_col[0]);
    seg->person = (uint64_t *)(map + h.off_col[1]);
    seg->admit = (int32_t *)(map + h.off_col[2]);
    seg->discharge = (int32_t *)(map + h.off_col[3]);
    seg->birth = (uint16_t *)(map + h.off_col[4]);
    seg->muni = (uint8_t *)(map + h.off_col[5]);
    seg->acute = (uint8_t *)(map + h.off_col[6]);
    seg->diag = (uint32_t *)(map + h.off_col[7]);
    for (uint64_t i = 0; i < h.nrows; i++)
        if (seg->diag[i] >= h.ndict) {
            engine_table_free(t);
            return 0;
        }
    if (engine_table_index(t)) {
        engine_table_free(t);
        return kl_error_set(err, KL_ENOMEM, "%s: out of memory", path);
    }
    rep->rows_read = h.rows_read;
    rep->contacts = h.contacts;
    rep->stays = h.stays;
    rep->contact_mode = (int)h.contact_mode;
    for (int r = 0; r < ENGINE_NREASONS; r++) {
        rep->skipped[r] = h.skipped[r];
        memcpy(rep->first[r], h.first[r], sizeof(rep->first[r]));
        rep->first[r][sizeof(rep->first[r]) - 1] = '\0';
        rep->first_line[r] = h.first_line[r];
    }
    return 1;
}

/* Writes the n bytes at p. 0 or -1 (errno set). */
static int put(int fd, const void *p, size_t n)
{
    const char *c = p;
    while (n > 0) {
        ssize_t w = write(fd, c, n);
        if (w < 0 && errno == EINTR)
            continue;
        if (w <= 0)
            return -1;
        c += w;
        n -= (size_t)w;
    }
    return 0;
}

/* Writes zeros from *pos up to the next multiple of CACHE_ALIGN. 0 or -1. */
static int pad(int fd, uint64_t *pos)
{
    static const char zero[CACHE_ALIGN];
    uint64_t to = align(*pos);
    if (to > *pos && put(fd, zero, (size_t)(to - *pos)))
        return -1;
    *pos = to;
    return 0;
}

int engine_cache_save(const char *path, const char *input, uint64_t fingerprint,
                      const struct engine_table *t, const struct engine_report *rep,
                      struct kl_error *err)
{
    struct cache_head h;
    struct stat in;
    char tmp[4200];
    uint64_t pos;
    int fd, n;

    if (stat(input, &in) != 0)
        return kl_error_set(err, KL_EIO, "%s: %s", input, strerror(errno));
    n = snprintf(tmp, sizeof(tmp), "%s.tmp.XXXXXX", path);
    if (n < 0 || (size_t)n >= sizeof(tmp))
        return kl_error_set(err, KL_ELIMIT, "%s: path too long", path);
    memset(&h, 0, sizeof(h));
    memcpy(h.magic, CACHE_MAGIC, 8);
    h.version = CACHE_VERSION;
    h.endian = 0x01020304u;
    h.size = (uint64_t)in.st_size;
    h.mtime_sec = (int64_t)in.st_mtim.tv_sec;
    h.mtime_nsec = (int64_t)in.st_mtim.tv_nsec;
    h.ino = (uint64_t)in.st_ino;
    h.dev = (uint64_t)in.st_dev;
    h.fingerprint = fingerprint;
    h.nrows = t->nrows;
    h.rows_read = rep->rows_read;
    h.contacts = rep->contacts;
    h.stays = rep->stays;
    h.contact_mode = (uint64_t)rep->contact_mode;
    for (int r = 0; r < ENGINE_NREASONS; r++) {
        h.skipped[r] = rep->skipped[r];
        memcpy(h.first[r], rep->first[r], sizeof(h.first[r]));
        h.first_line[r] = rep->first_line[r];
    }
    h.ndict = t->dict.n;
    h.dict_bytes = t->dict.nbytes;
    pos = align(sizeof(h));
    h.off_dict = pos;
    pos = align(pos + (h.ndict + 1) * 4);
    h.off_bytes = pos;
    pos = align(pos + h.dict_bytes);
    for (int i = 0; i < NCOLS; i++) {
        h.off_col[i] = pos;
        pos = align(pos + t->nrows * col_size[i]);
    }
    h.total = pos;

    fd = mkstemp(tmp);
    if (fd < 0)
        return kl_error_set(err, KL_EIO, "%s: %s", tmp, strerror(errno));
    fchmod(fd, 0600);
    pos = 0;
    {
        static const uint32_t zero_off = 0;
        int bad = put(fd, &h, sizeof(h));
        pos = sizeof(h);
        bad = bad || pad(fd, &pos);
        if (!bad && t->dict.off)
            bad = put(fd, t->dict.off, (h.ndict + 1) * 4);
        else if (!bad)
            bad = put(fd, &zero_off, 4);
        pos += (h.ndict + 1) * 4;
        bad = bad || pad(fd, &pos);
        if (!bad && h.dict_bytes)
            bad = put(fd, t->dict.bytes, h.dict_bytes);
        pos += h.dict_bytes;
        bad = bad || pad(fd, &pos);
        for (int c = 0; c < NCOLS && !bad; c++) {
            for (size_t s = 0; s < t->nseg && !bad; s++) {
                const void *col[NCOLS];
                columns(&t->seg[s], col);
                bad = put(fd, col[c], t->seg[s].n * col_size[c]);
                pos += t->seg[s].n * col_size[c];
            }
            bad = bad || pad(fd, &pos);
        }
        if (close(fd) != 0)
            bad = 1;
        if (bad || rename(tmp, path) != 0) {
            int e = errno;
            unlink(tmp);
            return kl_error_set(err, KL_EIO, "%s: %s", path, strerror(e));
        }
    }
    return 0;
}
