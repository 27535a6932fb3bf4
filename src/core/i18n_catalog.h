/* i18n_catalog.h - the shape of the message tables generated from po/LANG.po by po2c.py. */
#ifndef KL_I18N_CATALOG_H
#define KL_I18N_CATALOG_H

struct i18n_msg {
    const char *id;  /* English source text (msgid) */
    const char *str; /* translation (msgstr) */
};

struct i18n_lang {
    const char *code;           /* "da" */
    const struct i18n_msg *msgs; /* sorted by id (strcmp order) */
    int n;
};

extern const struct i18n_lang i18n_langs[];
extern const int i18n_nlangs;

#endif
