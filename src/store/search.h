/* search.h - full-text search of agenda items and their attachments' text in the store: the Danish tokenizer that every
 * connection registers for the agenda_fts table (unicode61 without removing diacritics, then
 * libstemmer's Danish stemmer), and the one search query. Who may see what is decided by the
 * caller (app/search.c) and handed in as lists of forums. */
#ifndef KL_STORE_SEARCH_H
#define KL_STORE_SEARCH_H

#include <stddef.h>
#include <stdint.h>

struct arena;
struct store;
struct kl_error;
struct sqlite3;

/* The name agenda_fts is declared with in the "search" migration. */
#define STORE_SEARCH_TOKENIZER "klynge_da"

/* Markers snippets carry around a matching word: start, end (control characters; stored
 * text holding them can only misplace a mark, never add markup, as the page escapes all). */
#define SEARCH_MARK_START '\x02'
#define SEARCH_MARK_END '\x03'

/* Registers on db the klynge_da tokenizer and the FTS5 auxiliary functions the search query
 * uses (klynge_columns, klynge_found_without). Returns 0 or an SQLite error code. */
int store_search_register(struct sqlite3 *db);

/* Stems one lowercase UTF-8 word with the Danish stemmer as the tokenizer does, into out
 * (size cap, NUL-terminated; the word is cut to fit). For tests. Returns 0 or -1. */
int store_search_stem(const char *word, char *out, size_t cap);

/* Tokenizes text as agenda_fts does and writes the terms separated by single spaces into out
 * (size cap). For tests. Returns 0 or KL_EDB. */
int store_search_tokens(struct store *st, const char *text, char *out, size_t cap,
                        struct kl_error *err);

/* Brings agenda_fts up to date with the items written since the last call (triggers on
 * agenda_item only queue their ids in search_pending, so that any tool may write items
 * without the tokenizer): one short write transaction, nothing when the queue is empty;
 * after a large batch the index is also merged into one segment. Returns 0 or KL_EDB. */
int store_search_sync(struct store *st, struct kl_error *err);

struct search_filter {
    const char *match; /* FTS5 expressions from search_query_parse, never user text: */
    const char *positive;          /* the terms alone, for the attachments' own index */
    const char *excluded_decision; /* the excluded terms in the decision column; NULL or "":
                                      none. It takes an item out only where who sees the
                                      minutes. */
    const char *internal_json; /* JSON array of forum ids whose items who sees all of */
    const char *published_json; /* JSON array of forum ids whose published items who sees */
    int year;                  /* meeting year; 0: any */
    unsigned room;             /* ROOM_ bit; 0: any */
    const char *outcome;       /* stored outcome name; NULL or "": any */
    int limit, offset;
};

struct search_hit {
    int64_t item_id, meeting_id, forum_id;
    int number;
    const char *title;         /* with SEARCH_MARK_ markers around matches */
    const char *snippet;       /* with SEARCH_MARK_ markers; "" when only the title matched */
    const char *meeting_title;
    const char *day;           /* YYYY-MM-DD of the meeting */
    const char *forum_name;
    unsigned rooms;
    const char *outcome;       /* "" unless who sees the minutes */
    int closed;
    const char *attachment;    /* the attachment the snippet comes from; "" for the item */
};

/* Items matching f, best first, at most f->limit from f->offset, with more set to 1 when
 * there are further hits. Returns 0, KL_ENOMEM or KL_EDB (KL_EINVAL for an expression FTS5
 * refuses). */
int store_search(struct store *st, struct arena *a, const struct search_filter *f,
                 struct search_hit **out, size_t *n, int *more, struct kl_error *err);

#endif
