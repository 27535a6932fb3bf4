/* i18n.h - translated user-interface text, looked up per request.
 *
 * Source strings are English (the msgid of gettext); po/da.po holds Danish, the default
 * language of the interface. Translation tables are compiled into the binary, so lookup
 * needs no locale and is safe from any thread. Mark strings with N_() for xgettext. */
#ifndef KL_I18N_H
#define KL_I18N_H

enum i18n_language {
    LANG_DA = 0, /* Danish: the default */
    LANG_EN = 1,
};

#define N_(s) (s)

/* The text of msgid in lang; msgid itself when there is no translation. Never NULL for a
 * non-NULL msgid. The result is static and must not be freed. */
const char *i18n_get(enum i18n_language lang, const char *msgid);

/* The language asked for by an Accept-Language header value or a "lang" setting ("da",
 * "en", "en-GB,en;q=0.9", ...). NULL or unknown gives LANG_DA. */
enum i18n_language i18n_pick(const char *accept);

/* The two-letter code of lang ("da", "en"). */
const char *i18n_code(enum i18n_language lang);

#endif
