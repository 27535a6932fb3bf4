/* parse.c - reading the extract: its header, and its rows in parallel straight from the
 * mapped file into columns.
 *
 * The body is cut into chunks at line ends and each worker parses whole chunks. A chunk
 * start is a guess when the file has quoted fields with line breaks in them: every chunk
 * must end exactly where the next begins, and if one does not, the file is parsed again on
 * one thread. Bad rows are reported with file, line, column and value; the first bad row in
 * file order wins. */
#include "engine/internal.h"

#include "core/csv.h"
#include "core/date.h"
#include "core/error.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>
#ifdef __SSE2__
#include <emmintrin.h>
#endif

static const char *const role_names[ROLE_N] = {
    "", "admission_id", "person_id", "municipality_code", "birth_year", "sex", "admit_date",
    "discharge_date", "acute", "department_specialty", "primary_diagnosis", "hospital_code",
    "contact_start", "contact_end",
};

const char *engine_role_name(int r)
{
    return r > 0 && r < ROLE_N ? role_names[r] : "";
}

/* ---- the header ------------------------------------------------------------------------ */

/* Applies one "canonical=name" rename (the n bytes at s) to names. */
static int apply_rename(const char *s, size_t n, char names[ROLE_N][64], struct kl_error *err)
{
    const char *eq = memchr(s, '=', n);
    size_t kn, vn;

    if (!eq)
        return kl_error_set(err, KL_EINVAL, "--columns: '%.*s' is not canonical=name",
                            (int)n, s);
    kn = (size_t)(eq - s);
    vn = n - kn - 1;
    for (int r = 1; r < ROLE_N; r++) {
        if (strlen(role_names[r]) == kn && memcmp(role_names[r], s, kn) == 0) {
            if (vn == 0 || vn >= 64)
                return kl_error_set(err, KL_EINVAL, "--columns: bad name for %s", role_names[r]);
            memcpy(names[r], eq + 1, vn);
            names[r][vn] = '\0';
            return 0;
        }
    }
    return kl_error_set(err, KL_EINVAL,
                        "--columns: '%.*s' is not a column the engine reads (admission_id, "
                        "person_id, municipality_code, birth_year, admit_date, discharge_date, "
                        "acute, primary_diagnosis, contact_start, contact_end, sex, "
                        "department_specialty, hospital_code)",
                        (int)kn, s);
}

int engine_layout_read(const char *data, size_t n, const char *columns, const char *file,
                       struct engine_layout *lay, struct kl_error *err)
{
    static const int need_dates[] = {ROLE_ADMISSION_ID, ROLE_PERSON_ID, ROLE_MUNICIPALITY,
                                     ROLE_BIRTH_YEAR, ROLE_ADMIT, ROLE_DISCHARGE, ROLE_ACUTE,
                                     ROLE_DIAGNOSIS};
    char want[ROLE_N][64];
    struct csv_reader *r;
    struct csv_record h;
    size_t i = 0, end;
    int quoted = 0, rc;

    memset(lay, 0, sizeof(*lay));
    lay->file = file;
    for (int k = 0; k < ROLE_N; k++) {
        lay->col[k] = -1;
        snprintf(want[k], sizeof(want[k]), "%s", role_names[k]);
    }
    while (columns && *columns) {
        const char *comma = strchr(columns, ',');
        size_t len = comma ? (size_t)(comma - columns) : strlen(columns);
        if (len && (rc = apply_rename(columns, len, want, err)) != 0)
            return rc;
        columns += len + (comma ? 1 : 0);
    }
    /* the header record ends at the first line end outside quotes */
    for (i = 0; i < n; i++) {
        if (data[i] == '"')
            quoted = !quoted;
        else if (data[i] == '\n' && !quoted)
            break;
        else if (data[i] == '\n')
            lay->header_lines++;
    }
    end = i;
    lay->data_start = i < n ? i + 1 : n;
    lay->header_lines++;
    if (end == 0)
        return kl_error_set(err, KL_EINVAL, "%s:1: the file is empty: expected a header line",
                            file);
    r = csv_open_mem(data, end, 0, 0, err);
    if (!r)
        return err ? err->code : KL_ENOMEM;
    rc = csv_next(r, &h, err);
    if (rc != 1) {
        csv_close(r);
        if (rc == 0)
            return kl_error_set(err, KL_EINVAL, "%s:1: the file is empty", file);
        kl_error_prefix(err, "%s", file);
        return rc;
    }
    lay->sep = csv_separator(r);
    lay->ncols = h.nfields;
    if (lay->ncols > ENGINE_COLS_MAX) {
        csv_close(r);
        return kl_error_set(err, KL_EINVAL, "%s:1: more than %d columns", file,
                            ENGINE_COLS_MAX);
    }
    for (int k = 1; k < ROLE_N; k++) {
        lay->col[k] = csv_header_index(&h, want[k]);
        snprintf(lay->name[k], sizeof(lay->name[k]), "%s", want[k]);
    }
    csv_close(r);
    lay->contacts = lay->col[ROLE_ADMIT] < 0 && lay->col[ROLE_DISCHARGE] < 0 &&
                    lay->col[ROLE_CONTACT_START] >= 0 && lay->col[ROLE_CONTACT_END] >= 0;
    for (size_t k = 0; k < sizeof(need_dates) / sizeof(need_dates[0]); k++) {
        int role = need_dates[k];
        if (lay->contacts && role == ROLE_ADMIT)
            role = ROLE_CONTACT_START;
        if (lay->contacts && role == ROLE_DISCHARGE)
            role = ROLE_CONTACT_END;
        if (lay->col[role] < 0)
            return kl_error_set(err, KL_EINVAL,
                                "%s:1: the header has no column %s (columns are found by "
                                "name; --columns renames them)",
                                file, want[role]);
        lay->role[lay->col[role]] = (uint8_t)role;
    }
    for (size_t c = 0; c < lay->ncols; c++)
        if (lay->role[c])
            lay->order[lay->norder++] = lay->role[c];
    lay->special[(unsigned char)lay->sep] = 1;
    lay->special['\n'] = 1;
    lay->special['\r'] = 1;
    lay->special['"'] = 1;
    return 0;
}

/* ---- values ---------------------------------------------------------------------------- */

static inline int digit2(const char *s)
{
    unsigned a = (unsigned char)s[0] - '0', b = (unsigned char)s[1] - '0';
    return a < 10 && b < 10 ? (int)(a * 10 + b) : -1;
}

static inline int digit4(const char *s)
{
    int hi = digit2(s), lo = digit2(s + 2);
    return hi < 0 || lo < 0 ? -1 : hi * 100 + lo;
}

int engine_parse_date(const char *s, size_t n, int32_t *day)
{
    int y, m, d;

    if (n != 10)
        return -1;
    if (s[4] == '-' && s[7] == '-') {
        y = digit4(s);
        m = digit2(s + 5);
        d = digit2(s + 8);
    } else if (s[2] == '-' && s[5] == '-') {
        d = digit2(s);
        m = digit2(s + 3);
        y = digit4(s + 6);
    } else {
        return -1;
    }
    if (y < 0 || m < 0 || d < 0 || !date_valid(y, m, d))
        return -1;
    *day = date_from_ymd(y, m, d);
    return 0;
}

int engine_parse_timestamp(const char *s, size_t n, int64_t *secs)
{
    int32_t day;
    int h, mi, se = 0;

    if ((n != 16 && n != 19) || (s[10] != ' ' && s[10] != 'T') || s[13] != ':')
        return -1;
    if (engine_parse_date(s, 10, &day) != 0)
        return -1;
    h = digit2(s + 11);
    mi = digit2(s + 14);
    if (n == 19) {
        if (s[16] != ':')
            return -1;
        se = digit2(s + 17);
    }
    if (h < 0 || h > 23 || mi < 0 || mi > 59 || se < 0 || se > 59)
        return -1;
    *secs = (int64_t)day * 86400 + h * 3600 + mi * 60 + se;
    return 0;
}

int engine_parse_acute(const char *s, size_t n, uint8_t *v)
{
    static const char *const yes[] = {"1", "true", "t", "yes", "y", "ja", "j"};
    static const char *const no[] = {"0", "false", "f", "no", "n", "nej"};
    char low[8];

    if (n == 1 && (s[0] == '0' || s[0] == '1')) {
        *v = (uint8_t)(s[0] - '0');
        return 0;
    }
    if (n == 0 || n >= sizeof(low))
        return -1;
    for (size_t i = 0; i < n; i++)
        low[i] = (char)(s[i] >= 'A' && s[i] <= 'Z' ? s[i] + 32 : s[i]);
    for (size_t i = 0; i < sizeof(yes) / sizeof(yes[0]); i++)
        if (strlen(yes[i]) == n && memcmp(yes[i], low, n) == 0)
            return *v = 1, 0;
    for (size_t i = 0; i < sizeof(no) / sizeof(no[0]); i++)
        if (strlen(no[i]) == n && memcmp(no[i], low, n) == 0)
            return *v = 0, 0;
    return -1;
}

/* 0 and *v for 1 to 19 ASCII digits, else -1. */
static inline int parse_u64(const char *s, size_t n, uint64_t *v)
{
    uint64_t x = 0;
    if (n == 0 || n > 19)
        return -1;
    for (size_t i = 0; i < n; i++) {
        unsigned d = (unsigned char)s[i] - '0';
        if (d > 9)
            return -1;
        x = x * 10 + d;
    }
    *v = x;
    return 0;
}

/* ---- records --------------------------------------------------------------------------- */

struct span {
    const char *p;
    size_t n;
};

#define SCRATCH 1024

struct rowbuf {
    struct span f[ENGINE_COLS_MAX + 1];
    char scratch[SCRATCH];
    struct {
        uint64_t head;  /* the date's first 8 bytes */
        uint16_t tail;  /* and its last 2 */
        int32_t day;
        int year;
    } dcache[2];
};

/* Counts '\n' in [p, e). */
static size_t count_nl(const char *p, const char *e)
{
    size_t k = 0;
    while (p < e && (p = memchr(p, '\n', (size_t)(e - p))) != NULL) {
        k++;
        p++;
    }
    return k;
}

/* Reads the record at p into rb->f. Returns ENGINE_NREASONS when it is well-formed, or
 * ENGINE_R_CSV with *why and *col set. Either way *next is where the next record starts
 * (after an error: the next line) and *nl the line ends passed. *nf is the field count. */
static int tokenize(const struct engine_layout *lay, const char *p, const char *end,
                    struct rowbuf *rb, size_t *nf, const char **next, size_t *nl,
                    const char **why, unsigned *col)
{
    const char sep = lay->sep;
    const uint8_t *special = lay->special;
    size_t k = 0, lines = 0, used = 0;

    for (;;) {
        struct span s;
        if (p < end && *p == '"') {
            const char *q = p + 1, *quote;
            int esc = 0;
            for (;;) {
                quote = memchr(q, '"', (size_t)(end - q));
                if (!quote) {
                    *why = "unterminated quoted field";
                    *col = (unsigned)k + 1;
                    *nl = lines + count_nl(q, end);
                    *next = end;
                    *nf = k + 1;
                    return ENGINE_R_CSV;
                }
                lines += count_nl(q, quote);
                if (quote + 1 < end && quote[1] == '"') {
                    esc = 1;
                    q = quote + 2;
                    continue;
                }
                break;
            }
            s.p = p + 1;
            s.n = (size_t)(quote - s.p);
            p = quote + 1;
            if (esc && used + s.n <= SCRATCH) {
                char *o = rb->scratch + used;
                size_t m = 0;
                for (size_t i = 0; i < s.n; i++) {
                    o[m++] = s.p[i];
                    if (s.p[i] == '"')
                        i++;
                }
                s.p = o;
                s.n = m;
                used += m;
            }
            if (p < end && *p != sep && *p != '\n' && !(*p == '\r' && p + 1 < end && p[1] == '\n')) {
                *why = "text after a closing quote";
                goto bad;
            }
        } else {
            const char *q = p;
            for (;;) {
                while (q < end && !special[(unsigned char)*q])
                    q++;
                if (q < end && *q == '\r' && !(q + 1 < end && q[1] == '\n')) {
                    q++;
                    continue;
                }
                break;
            }
            if (q < end && *q == '"') {
                p = q;
                *why = "quote inside an unquoted field";
                goto bad;
            }
            s.p = p;
            s.n = (size_t)(q - p);
            p = q;
        }
        if (k <= ENGINE_COLS_MAX)
            rb->f[k] = s;
        k++;
        if (p < end && *p == sep) {
            p++;
            continue;
        }
        if (p < end && *p == '\r')
            p++;
        if (p < end && *p == '\n') {
            p++;
            lines++;
        }
        break;
    }
    *nf = k;
    *next = p;
    *nl = lines;
    return ENGINE_NREASONS;
bad:
    *col = (unsigned)k + 1;
    {
        const char *e = memchr(p, '\n', (size_t)(end - p));
        *next = e ? e + 1 : end;
        *nl = lines + (e ? 1 : 0);
    }
    *nf = k + 1;
    return ENGINE_R_CSV;
}

#ifdef __SSE2__
/* The fast path of tokenize for a record without quotes that ends at least 16 bytes before
 * the end of the data: separators and line ends are found 16 bytes at a time. Returns 1 with
 * the fields, *nf and *next set (one line end passed), or 0 when the record needs tokenize
 * (a quote, or too near the end). */
static int tokenize_fast(const struct engine_layout *lay, const char *p, const char *end,
                         struct rowbuf *rb, size_t *nf, const char **next)
{
    const __m128i vsep = _mm_set1_epi8(lay->sep), vnl = _mm_set1_epi8('\n'),
                  vq = _mm_set1_epi8('"');
    const char *s = p, *start = p;
    size_t k = 0;

    while (end - s >= 16) {
        __m128i x = _mm_loadu_si128((const __m128i *)(const void *)s);
        unsigned m = (unsigned)_mm_movemask_epi8(_mm_or_si128(
            _mm_or_si128(_mm_cmpeq_epi8(x, vsep), _mm_cmpeq_epi8(x, vnl)),
            _mm_cmpeq_epi8(x, vq)));
        while (m) {
            const char *c = s + __builtin_ctz(m);
            m &= m - 1;
            if (*c == '"')
                return 0;
            if (k <= ENGINE_COLS_MAX) {
                rb->f[k].p = start;
                rb->f[k].n = (size_t)(c - start);
            }
            k++;
            if (*c == '\n') {
                /* "\r\n": the CR is not part of the last field */
                if (c > start && c[-1] == '\r' && k <= ENGINE_COLS_MAX + 1)
                    rb->f[k - 1].n--;
                *nf = k;
                *next = c + 1;
                return 1;
            }
            start = c + 1;
        }
        s += 16;
    }
    return 0;
}
#endif

/* Writes the value s into out, printable, at most 40 bytes. */
static void show(char *out, size_t size, struct span s)
{
    size_t n = s.n > 40 ? 40 : s.n, k = 0;
    for (size_t i = 0; i < n && k + 4 < size; i++) {
        unsigned char c = (unsigned char)s.p[i];
        out[k++] = (char)(c < 0x20 || c == 0x7f ? '?' : c);
    }
    if (n < s.n && k + 4 < size) {
        memcpy(out + k, "...", 3);
        k += 3;
    }
    out[k] = '\0';
}

struct rowerr {
    unsigned col;
    char msg[240];
};

/* Records a problem with role r's value and returns reason. */
static int refuse(const struct engine_layout *lay, struct rowerr *e, int reason, int r,
                  struct span v, const char *what)
{
    char val[48];
    show(val, sizeof(val), v);
    e->col = (unsigned)lay->col[r] + 1;
    snprintf(e->msg, sizeof(e->msg), "%s '%s' %s", lay->name[r], val, what);
    return reason;
}

/* As refuse, naming a second value ("discharge_date 'x' is before admit_date 'y'"). */
static int refuse2(const struct engine_layout *lay, struct rowerr *e, int reason, int r,
                   struct span v, const char *what, int r2, struct span v2)
{
    char val[48], val2[48];
    show(val, sizeof(val), v);
    show(val2, sizeof(val2), v2);
    e->col = (unsigned)lay->col[r] + 1;
    snprintf(e->msg, sizeof(e->msg), "%s '%s' %s %s '%s'", lay->name[r], val, what,
             lay->name[r2], val2);
    return reason;
}

/* Parses a date through a one-entry cache per column (extracts are often sorted by date).
 * Sets *day and *year. 0 or -1. */
static inline int cached_date(struct rowbuf *rb, int which, struct span v, int32_t *day,
                              int *year)
{
    uint64_t head;
    uint16_t tail;
    int m, d;

    if (v.n != 10)
        return -1;
    memcpy(&head, v.p, 8);
    memcpy(&tail, v.p + 8, 2);
    if (head == rb->dcache[which].head && tail == rb->dcache[which].tail &&
        rb->dcache[which].year) {
        *day = rb->dcache[which].day;
        *year = rb->dcache[which].year;
        return 0;
    }
    if (engine_parse_date(v.p, v.n, day) != 0)
        return -1;
    date_to_ymd(*day, year, &m, &d);
    rb->dcache[which].head = head;
    rb->dcache[which].tail = tail;
    rb->dcache[which].day = *day;
    rb->dcache[which].year = *year;
    return 0;
}

static inline int32_t day_of(int64_t secs)
{
    int64_t d = secs / 86400;
    if (secs % 86400 < 0)
        d--;
    return (int32_t)d;
}

/* Checks and stores the record in rb (nf fields). Returns ENGINE_NREASONS when stored. */
static int store_row(const struct engine_layout *lay, const struct engine_munis *munis,
                     struct rowbuf *rb, size_t nf, struct engine_segment *seg,
                     struct engine_dict *dict, struct rowerr *e, int *oom)
{
    uint64_t adm = 0, person = 0, muni = 0;
    int32_t admit = 0, disch = 0;
    int64_t cs = 0, ce = 0;
    int birth = 0, admit_year = 0, disch_year = 0;
    uint8_t acute = 0;
    uint32_t diag = 0;
    size_t k = seg->n;

    if (nf != lay->ncols) {
        struct span v = nf > lay->ncols ? rb->f[lay->ncols] : rb->f[nf - 1];
        char val[48];
        show(val, sizeof(val), v);
        e->col = (unsigned)(nf > lay->ncols ? lay->ncols + 1 : nf);
        snprintf(e->msg, sizeof(e->msg), "the row has %zu fields, the header %zu (at '%s')", nf,
                 lay->ncols, val);
        return ENGINE_R_FIELDS;
    }
    for (int i = 0; i < lay->norder; i++) {
        int r = lay->order[i];
        struct span v = rb->f[lay->col[r]];
        switch (r) {
        case ROLE_ADMISSION_ID:
            if (parse_u64(v.p, v.n, &adm))
                return refuse(lay, e, ENGINE_R_ADMISSION_ID, r, v, "is not a number");
            break;
        case ROLE_PERSON_ID:
            if (parse_u64(v.p, v.n, &person))
                return refuse(lay, e, ENGINE_R_PERSON_ID, r, v, "is not a number");
            break;
        case ROLE_MUNICIPALITY:
            if (v.n > 4 || parse_u64(v.p, v.n, &muni) || muni >= ENGINE_MUNI_CODES ||
                munis->index[muni] < 0)
                return refuse(lay, e, ENGINE_R_MUNICIPALITY, r, v,
                              "is not a Danish municipality code");
            break;
        case ROLE_BIRTH_YEAR: {
            uint64_t y;
            if (v.n != 4 || parse_u64(v.p, v.n, &y) || y == 0)
                return refuse(lay, e, ENGINE_R_BIRTH_YEAR, r, v, "is not a year");
            birth = (int)y;
            break;
        }
        case ROLE_ADMIT:
            if (cached_date(rb, 0, v, &admit, &admit_year))
                return refuse(lay, e, ENGINE_R_ADMIT, r, v,
                              "is not a date (YYYY-MM-DD or DD-MM-YYYY)");
            break;
        case ROLE_DISCHARGE:
            if (cached_date(rb, 1, v, &disch, &disch_year))
                return refuse(lay, e, ENGINE_R_DISCHARGE, r, v,
                              "is not a date (YYYY-MM-DD or DD-MM-YYYY)");
            break;
        case ROLE_CONTACT_START:
            if (engine_parse_timestamp(v.p, v.n, &cs))
                return refuse(lay, e, ENGINE_R_ADMIT, r, v,
                              "is not a date and time (YYYY-MM-DD HH:MM)");
            break;
        case ROLE_CONTACT_END:
            if (engine_parse_timestamp(v.p, v.n, &ce))
                return refuse(lay, e, ENGINE_R_DISCHARGE, r, v,
                              "is not a date and time (YYYY-MM-DD HH:MM)");
            break;
        case ROLE_ACUTE:
            if (engine_parse_acute(v.p, v.n, &acute))
                return refuse(lay, e, ENGINE_R_ACUTE, r, v,
                              "is not yes or no (1/0, true/false, ja/nej)");
            break;
        case ROLE_DIAGNOSIS:
            if (v.n > ENGINE_DIAG_MAX)
                return refuse(lay, e, ENGINE_R_DIAGNOSIS, r, v, "is longer than 64 bytes");
            if (engine_dict_intern(dict, v.p, v.n, &diag)) {
                *oom = 1;
                return ENGINE_R_DIAGNOSIS;
            }
            break;
        default:
            break;
        }
    }
    if (lay->contacts) {
        if (ce < cs)
            return refuse2(lay, e, ENGINE_R_ORDER, ROLE_CONTACT_END,
                           rb->f[lay->col[ROLE_CONTACT_END]], "is before", ROLE_CONTACT_START,
                           rb->f[lay->col[ROLE_CONTACT_START]]);
        int m, d;
        admit = day_of(cs);
        disch = day_of(ce);
        date_to_ymd(admit, &admit_year, &m, &d);
    } else if (disch < admit) {
        return refuse2(lay, e, ENGINE_R_ORDER, ROLE_DISCHARGE, rb->f[lay->col[ROLE_DISCHARGE]],
                       "is before", ROLE_ADMIT, rb->f[lay->col[ROLE_ADMIT]]);
    }
    {
        if (birth > admit_year)
            return refuse2(lay, e, ENGINE_R_AGE, ROLE_BIRTH_YEAR,
                           rb->f[lay->col[ROLE_BIRTH_YEAR]], "is after the admission on",
                           lay->contacts ? ROLE_CONTACT_START : ROLE_ADMIT,
                           rb->f[lay->col[lay->contacts ? ROLE_CONTACT_START : ROLE_ADMIT]]);
    }
    if (k >= seg->cap) {
        *oom = 1;
        return ENGINE_R_FIELDS;
    }
    seg->adm_id[k] = adm;
    seg->person[k] = person;
    seg->admit[k] = admit;
    seg->discharge[k] = disch;
    seg->birth[k] = (uint16_t)birth;
    seg->muni[k] = (uint8_t)munis->index[muni];
    seg->acute[k] = acute;
    seg->diag[k] = diag;
    if (lay->contacts) {
        seg->cstart[k] = cs;
        seg->cend[k] = ce;
    }
    seg->n = k + 1;
    return ENGINE_NREASONS;
}

size_t engine_chunk_capacity(const struct engine_layout *lay, size_t len)
{
    /* separators, two dates or timestamps, ids, code, year and flag, and the line end */
    size_t min_row = (lay->ncols ? lay->ncols - 1 : 0) + (lay->contacts ? 32 : 20) + 8 + 1;
    return len / min_row + 2;
}

/* Drops the file pages in [*from, upto) (page-aligned) from this process's memory. */
static void release(struct engine_parse_ctx *ctx, size_t *from, size_t upto)
{
    size_t page = (size_t)sysconf(_SC_PAGESIZE);
    size_t a = (*from + page - 1) & ~(page - 1), b = upto & ~(page - 1);
    if (b > a)
        madvise((char *)ctx->data + a, b - a, MADV_DONTNEED);
    if (b > *from)
        *from = b;
}

int engine_parse_chunk(struct engine_parse_ctx *ctx, size_t idx, struct engine_chunk *ch,
                       struct engine_dict *dict)
{
    const char *data = ctx->data, *end = data + ctx->size;
    const char *p = data + ch->begin, *stop = data + ch->end;
    struct rowbuf *rb = malloc(sizeof(*rb));
    size_t lines = 0, released = ch->begin;
    uint64_t since = 0;
    int oom = 0;

    if (!rb)
        return KL_ENOMEM;
    memset(rb->dcache, 0, sizeof(rb->dcache));
    while (p < stop) {
        const char *next, *why = NULL;
        size_t nf, nl, rec_line = lines;
        struct rowerr e;
        int reason;

        if (*p == '\n' || (*p == '\r' && p + 1 < end && p[1] == '\n')) {
            p += *p == '\n' ? 1 : 2;
            lines++;
            continue;
        }
#ifdef __SSE2__
        if (tokenize_fast(ctx->lay, p, end, rb, &nf, &next)) {
            nl = 1;
            reason = ENGINE_NREASONS;
        } else
#endif
            reason = tokenize(ctx->lay, p, end, rb, &nf, &next, &nl, &why, &e.col);
        if (reason == ENGINE_R_CSV)
            snprintf(e.msg, sizeof(e.msg), "%s", why);
        else
            reason = store_row(ctx->lay, ctx->munis, rb, nf, &ch->seg, dict, &e, &oom);
        if (oom) {
            free(rb);
            return KL_ENOMEM;
        }
        ch->rows++;
        if (reason != ENGINE_NREASONS) {
            ch->skipped[reason]++;
            if (!ch->first[reason].set) {
                ch->first[reason].set = 1;
                ch->first[reason].line = rec_line;
                ch->first[reason].col = e.col;
                memcpy(ch->first[reason].msg, e.msg, sizeof(e.msg));
            }
            if (!ctx->skip_invalid) {
                size_t cur = atomic_load(&ctx->failed_chunk);
                while (idx < cur && !atomic_compare_exchange_weak(&ctx->failed_chunk, &cur, idx))
                    ;
                ch->failed = 1;
                ch->stop = (size_t)(p - data);
                ch->lines = lines;
                free(rb);
                return 0;
            }
        }
        lines += nl;
        p = next;
        if (++since == 65536) {
            atomic_fetch_add(ctx->rows_done, since);
            since = 0;
            if (atomic_load(&ctx->failed_chunk) < idx) {
                ch->failed = 2; /* an earlier chunk failed: this one no longer matters */
                break;
            }
            if (ctx->release_pages)
                release(ctx, &released, (size_t)(p - data));
        }
    }
    atomic_fetch_add(ctx->rows_done, since);
    if (ctx->release_pages)
        release(ctx, &released, (size_t)(p - data));
    ch->stop = (size_t)(p - data);
    ch->lines = lines;
    free(rb);
    return 0;
}

/* ---- the whole file -------------------------------------------------------------------- */

struct parse_job {
    struct engine_parse_ctx *ctx;
    struct engine_chunk *ch;
    struct engine_dict *dicts;
    _Atomic int oom;
};

static void parse_task(void *arg, size_t i, int worker)
{
    struct parse_job *job = arg;
    struct engine_chunk *ch = &job->ch[i];

    if (atomic_load(&job->ctx->failed_chunk) < i) {
        ch->failed = 2;
        return;
    }
    ch->seg.dict_owner = worker;
    if (engine_parse_chunk(job->ctx, i, ch, &job->dicts[worker]))
        atomic_store(&job->oom, 1);
}

struct remap_job {
    struct engine_chunk *ch;
    uint32_t **map;
};

static void remap_task(void *arg, size_t i, int worker)
{
    struct remap_job *job = arg;
    struct engine_segment *s = &job->ch[i].seg;
    const uint32_t *map = job->map[s->dict_owner];
    (void)worker;
    for (size_t r = 0; r < s->n; r++)
        s->diag[r] = map[s->diag[r]];
}

static void free_chunks(struct engine_chunk *ch, size_t n)
{
    for (size_t i = 0; i < n; i++)
        engine_segment_free(&ch[i].seg);
    free(ch);
}

/* Cuts [start, n) into about want chunks ending at line ends. Returns the count. */
static size_t cut(const char *data, size_t start, size_t n, size_t want,
                  struct engine_chunk *ch)
{
    size_t k = 0, pos = start, step = (n - start) / want + 1;
    while (pos < n) {
        size_t target = pos + step;
        const char *nl;
        if (target >= n || k + 1 == want) {
            target = n;
        } else {
            nl = memchr(data + target, '\n', n - target);
            target = nl ? (size_t)(nl - data) + 1 : n;
        }
        ch[k].begin = pos;
        ch[k].end = target;
        k++;
        pos = target;
    }
    return k;
}

int engine_parse(const char *data, size_t n, const struct engine_layout *lay,
                 const struct engine_munis *munis, int skip_invalid, int release_pages,
                 int nthreads, struct engine_table *t, struct engine_report *rep,
                 engine_tick_fn tick, void *tick_arg, _Atomic uint64_t *rows_done,
                 struct kl_error *err)
{
    struct engine_parse_ctx ctx = {.data = data, .size = n, .lay = lay, .munis = munis,
                                   .skip_invalid = skip_invalid,
                                   .release_pages = release_pages};
    struct engine_dict *dicts = NULL;
    struct engine_chunk *ch = NULL;
    uint32_t **map = NULL;
    size_t nch = 0, want, line0;
    int rc = 0, single = 0;

    ctx.rows_done = rows_done ? rows_done : &ctx.rows_local;
again:
    nch = 0;
    want = (size_t)nthreads * 8;
    if ((n - lay->data_start) / want < ((size_t)1 << 20))
        want = (n - lay->data_start) / ((size_t)1 << 20) + 1;
    if (single)
        want = 1;
    ch = calloc(want, sizeof(*ch));
    dicts = calloc((size_t)nthreads, sizeof(*dicts));
    map = calloc((size_t)nthreads, sizeof(*map));
    if (!ch || !dicts || !map) {
        rc = KL_ENOMEM;
        goto out;
    }
    nch = cut(data, lay->data_start, n, want, ch);
    for (size_t i = 0; i < nch; i++) {
        rc = engine_segment_reserve(&ch[i].seg, engine_chunk_capacity(lay, ch[i].end - ch[i].begin),
                                    lay->contacts);
        if (rc)
            goto out;
    }
    atomic_store(ctx.rows_done, 0);
    atomic_init(&ctx.failed_chunk, SIZE_MAX);
    {
        struct parse_job job = {.ctx = &ctx, .ch = ch, .dicts = dicts};
        atomic_init(&job.oom, 0);
        engine_parallel(single ? 1 : nthreads, nch, parse_task, &job, tick, tick_arg);
        if (atomic_load(&job.oom)) {
            rc = KL_ENOMEM;
            goto out;
        }
    }
    line0 = lay->header_lines;
    for (size_t i = 0; i < nch; i++) {
        if (ch[i].failed == 1) {
            struct engine_row_error *e = NULL;
            for (int r = 0; r < ENGINE_NREASONS; r++)
                if (ch[i].first[r].set && (!e || ch[i].first[r].line < e->line))
                    e = &ch[i].first[r];
            rc = kl_error_set(err, KL_EINVAL, "%s:%zu:%u: %s", lay->file,
                              line0 + e->line + 1, e->col, e->msg);
            goto out;
        }
        if (ch[i].stop != ch[i].end && !single) {
            /* a line break inside quotes fooled the cut: parse on one thread */
            rep->rows_read = 0;
            memset(rep->skipped, 0, sizeof(rep->skipped));
            memset(rep->first, 0, sizeof(rep->first));
            memset(rep->first_line, 0, sizeof(rep->first_line));
            for (int w = 0; w < nthreads; w++)
                engine_dict_free(&dicts[w]);
            free(dicts);
            free(map);
            free_chunks(ch, nch);
            dicts = NULL;
            map = NULL;
            ch = NULL;
            single = 1;
            goto again;
        }
        for (int r = 0; r < ENGINE_NREASONS; r++) {
            if (!ch[i].first[r].set)
                continue;
            if (rep->skipped[r] == 0) {
                rep->first_line[r] = line0 + ch[i].first[r].line + 1;
                snprintf(rep->first[r], sizeof(rep->first[r]), "%s:%zu:%u: %s", lay->file,
                         line0 + ch[i].first[r].line + 1, ch[i].first[r].col,
                         ch[i].first[r].msg);
            }
            rep->skipped[r] += ch[i].skipped[r];
        }
        rep->rows_read += ch[i].rows;
        line0 += ch[i].lines;
    }
    /* one dictionary for the table; the segments' ids are renumbered into it */
    engine_dict_init(&t->dict);
    for (int w = 0; w < nthreads; w++) {
        map[w] = malloc(((size_t)dicts[w].n + 1) * sizeof(**map));
        if (!map[w]) {
            rc = KL_ENOMEM;
            goto out;
        }
        for (uint32_t id = 0; id < dicts[w].n; id++) {
            size_t len;
            const char *s = engine_dict_get(&dicts[w], id, &len);
            if ((rc = engine_dict_intern(&t->dict, s, len, &map[w][id])) != 0)
                goto out;
        }
    }
    {
        struct remap_job job = {.ch = ch, .map = map};
        engine_parallel(nthreads, nch, remap_task, &job, NULL, NULL);
    }
    t->seg = calloc(nch ? nch : 1, sizeof(*t->seg));
    if (!t->seg) {
        rc = KL_ENOMEM;
        goto out;
    }
    for (size_t i = 0; i < nch; i++) {
        if (ch[i].seg.n)
            t->seg[t->nseg++] = ch[i].seg;
        else
            engine_segment_free(&ch[i].seg);
        memset(&ch[i].seg, 0, sizeof(ch[i].seg));
    }
    rc = engine_table_index(t);
out:
    if (rc && rc != KL_EINVAL)
        kl_error_set(err, rc, "%s: %s", lay->file, kl_status_name(rc));
    for (int w = 0; dicts && w < nthreads; w++)
        engine_dict_free(&dicts[w]);
    for (int w = 0; map && w < nthreads; w++)
        free(map[w]);
    free(dicts);
    free(map);
    if (ch)
        free_chunks(ch, nch);
    if (rc) {
        engine_dict_free(&t->dict);
        free(t->seg);
        t->seg = NULL;
        t->nseg = 0;
    }
    return rc;
}
