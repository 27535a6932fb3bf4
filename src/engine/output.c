/* output.c - the indicator files: one header line, then the rows sorted by their key
 * columns, nothing else. Hidden counts are written "<5" (primary) or "x" (secondary), a
 * hidden or undefined rate as an empty field. */
#include "engine/internal.h"

#include "core/buf.h"

#include <inttypes.h>

static const char *const names[2][ENGINE_NKINDS] = {
    {"admissions_monthly.csv", "readmissions_65.csv", "preventable_65.csv",
     "bed_days_per_1000_65.csv"},
    {"cluster_admissions_monthly.csv", "cluster_readmissions_65.csv",
     "cluster_preventable_65.csv", "cluster_bed_days_per_1000_65.csv"},
};

static const char *const headers[ENGINE_NKINDS] = {
    "year,month,admissions,bed_days",
    "year,index_admissions,readmissions_30d",
    "year,preventable_admissions",
    "year,bed_days_65,pop65,bed_days_per_1000_65",
};

const char *engine_file_name(int k, int cluster)
{
    return names[cluster ? 1 : 0][k];
}

/* Appends ",VALUE" for slot i of r. */
static int value(struct buf *out, const struct engine_row *r, int i)
{
    if (r->hidden & ENGINE_HIDE_PRIMARY(i))
        return buf_puts(out, ",<5");
    if (r->hidden & ENGINE_HIDE_SECONDARY(i))
        return buf_puts(out, ",x");
    return buf_printf(out, ",%" PRId64, r->v[i]);
}

int engine_format(int k, const struct engine_rows *rows, const char (*codes)[64],
                  struct buf *out)
{
    int rc = buf_printf(out, "%s,%s\n", codes ? "cluster_code" : "municipality_code",
                        headers[k]);
    for (size_t i = 0; i < rows->n && rc == 0; i++) {
        const struct engine_row *r = &rows->row[i];
        if (codes)
            rc = buf_printf(out, "%s,%d", codes[r->geo], r->year);
        else
            rc = buf_printf(out, "%d,%d", r->geo, r->year);
        if (rc == 0 && k == ENGINE_MONTHLY)
            rc = buf_printf(out, ",%d", r->month);
        if (rc == 0)
            rc = value(out, r, 0);
        if (rc == 0 && (k == ENGINE_MONTHLY || k == ENGINE_READMISSIONS))
            rc = value(out, r, 1);
        if (rc == 0 && k == ENGINE_BED_DAYS) {
            rc = buf_printf(out, ",%" PRId64, r->v[1]);
            if (rc == 0 && (r->v[2] < 0 || (r->hidden & (ENGINE_HIDE_PRIMARY(2) |
                                                         ENGINE_HIDE_SECONDARY(2)))))
                rc = buf_puts(out, ",");
            else if (rc == 0)
                rc = buf_printf(out, ",%" PRId64 ".%02" PRId64, r->v[2] / 100, r->v[2] % 100);
        }
        if (rc == 0)
            rc = buf_putc(out, '\n');
    }
    return rc;
}
