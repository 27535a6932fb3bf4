/* problems.h - the list of everything wrong with an input file, for validators that report
 * every error at once (imports), each with its line and column. */
#ifndef KL_PROBLEMS_H
#define KL_PROBLEMS_H

#include "core/buf.h"

#include <stddef.h>

struct problems {
    struct buf text; /* one problem per line: "FILE:LINE:COLUMN: message\n" */
    size_t count;    /* all problems found, also those past max */
    size_t max;      /* how many are written to text */
    const char *file;
};

/* Prepares an empty list for file (a name used in every line; not copied) keeping at most
 * max problems' text (0 means 100). Free with problems_free. */
void problems_init(struct problems *p, const char *file, size_t max);

/* Releases the text. */
void problems_free(struct problems *p);

/* Records a problem at line and column (column 0: the whole line; line 0: the whole file).
 * Past max it is only counted. */
void problems_add(struct problems *p, size_t line, size_t column, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

/* The text of all recorded problems, ending with a line saying how many more were found
 * when there were more than max. Valid until the next change. */
const char *problems_text(struct problems *p);

#endif
