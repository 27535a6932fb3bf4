/* testutil.h - helpers shared by the unit tests: a fresh temporary database per test. */
#ifndef KL_TESTUTIL_H
#define KL_TESTUTIL_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

struct tmpdb {
    char dir[64];
    char path[96];
};

/* Makes a new private directory and names a database file inside it (not created). */
static inline int tmpdb_make(struct tmpdb *t)
{
    snprintf(t->dir, sizeof(t->dir), "/tmp/klynge-test-XXXXXX");
    if (!mkdtemp(t->dir))
        return -1;
    snprintf(t->path, sizeof(t->path), "%s/test.db", t->dir);
    return 0;
}

/* Removes the database, its WAL files and the directory. */
static inline void tmpdb_remove(struct tmpdb *t)
{
    static const char *const sfx[] = {"", "-wal", "-shm", "-journal"};
    char p[128];
    for (size_t i = 0; i < sizeof(sfx) / sizeof(sfx[0]); i++) {
        snprintf(p, sizeof(p), "%s%s", t->path, sfx[i]);
        unlink(p);
    }
    rmdir(t->dir);
}

#endif
