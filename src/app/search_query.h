/* search_query.h - the user's search text (words, "phrases", -exclusions, prefix*) turned
 * into an FTS5 MATCH expression in which every term is a quoted string, so nothing the user
 * types is ever read as FTS5 syntax. */
#ifndef KL_APP_SEARCH_QUERY_H
#define KL_APP_SEARCH_QUERY_H

#include <stddef.h>

struct kl_error;

#define SEARCH_QUERY_MAX 400   /* bytes of search text accepted */
#define SEARCH_TERMS_MAX 16    /* terms kept; more are refused */
#define SEARCH_MATCH_CAP 2048  /* room for an expression built from SEARCH_QUERY_MAX bytes */

/* The search as FTS5 expressions over agenda_fts (title, recommendation, case_text,
 * decision, attachments). Excluded terms are split by column, because a decision counts
 * only where the searcher may read the minutes: an exclusion matched by a decision that is
 * hidden from the searcher must not take the item out, or the search would tell what the
 * hidden decision says. */
struct search_query {
    char match[SEARCH_MATCH_CAP];     /* the terms in any column, none of the excluded ones
                                         in a column but the decision:
                                         (p AND ...) NOT {title ... attachments} : (n OR ...) */
    char positive[SEARCH_MATCH_CAP];  /* the terms alone: (p AND ...), for attachment_fts */
    char excluded_decision[SEARCH_MATCH_CAP]; /* {decision} : (n OR ...); "" without
                                                 excluded terms */
    size_t nterms, nexcluded;
};

/* Parses the n bytes at q. Whitespace separates terms; "…" is a phrase (an unclosed quote
 * runs to the end); a leading - excludes the term; a trailing * searches by prefix. Terms
 * without a letter or digit are dropped. Returns 0; KL_EINVAL when q is not UTF-8, too long,
 * has too many terms, or holds nothing to look for (no term that is not excluded), with a
 * message that is a msgid (N_) to show the user. */
int search_query_parse(const char *q, size_t n, struct search_query *out,
                       struct kl_error *err);

#endif
