/* i18n.c - lookup in the compiled message tables and choice of language. */
#include "core/i18n.h"
#include "core/i18n_catalog.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

static int cmp_msg(const void *key, const void *elem)
{
    return strcmp(key, ((const struct i18n_msg *)elem)->id);
}

const char *i18n_get(enum i18n_language lang, const char *msgid)
{
    const struct i18n_msg *m;
    const char *code = i18n_code(lang);

    if (!msgid || lang == LANG_EN)
        return msgid;
    for (int i = 0; i < i18n_nlangs; i++) {
        if (strcmp(i18n_langs[i].code, code) != 0)
            continue;
        m = bsearch(msgid, i18n_langs[i].msgs, (size_t)i18n_langs[i].n, sizeof(*m), cmp_msg);
        return m ? m->str : msgid;
    }
    return msgid;
}

enum i18n_language i18n_pick(const char *accept)
{
    const char *p = accept;
    size_t n;

    if (!p)
        return LANG_DA;
    /* The first listed language we have wins: browsers list in order of preference. */
    while (*p) {
        while (*p == ' ' || *p == ',')
            p++;
        n = strcspn(p, ",;");
        if (n >= 2 && strncasecmp(p, "da", 2) == 0 && (n == 2 || p[2] == '-'))
            return LANG_DA;
        if (n >= 2 && strncasecmp(p, "en", 2) == 0 && (n == 2 || p[2] == '-'))
            return LANG_EN;
        p += n;
        p += strcspn(p, ",");
    }
    return LANG_DA;
}

const char *i18n_code(enum i18n_language lang)
{
    return lang == LANG_EN ? "en" : "da";
}
