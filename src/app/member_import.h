/* member_import.h - importing forum memberships from CSV as Danish Excel writes it
 * (semicolon or comma, UTF-8 with or without BOM, or Windows-1252): one row per membership,
 * creating the people it names who are not known yet.
 *
 * Columns, found by their header names (ASCII case-insensitive) in any order: forum (exact
 * name or number), name, role, starts_on are required; email (or e-mail), title, phone,
 * organisation, represents, substitute_for, ends_on are optional. A column with any other
 * name is an error, so that a misspelt optional column is not silently ignored; columns
 * without a name are ignored, and so are rows of empty cells. People are matched by
 * e-mail (case-insensitive); without one by exact name and organisation; a person found is
 * reused unchanged. Roles are chair, co_chair, member, secretary, guest, substitute or the
 * Danish words (formand, medformand, næstformand, medlem, sekretær, sekretariat, gæst,
 * stedfortræder, suppleant). Dates are YYYY-MM-DD, DD-MM-YYYY or DD.MM.YYYY. A row equal to
 * a stored membership is skipped, so the same file can be imported again. */
#ifndef KL_APP_MEMBER_IMPORT_H
#define KL_APP_MEMBER_IMPORT_H

#include <stddef.h>

struct principal;
struct store;
struct problems;
struct kl_error;

struct member_import_summary {
    size_t rows;                /* data rows read */
    size_t people_created;      /* new people */
    size_t people_found;        /* people of the file who were already stored */
    size_t memberships_created; /* new memberships */
    size_t memberships_kept;    /* rows equal to a stored membership, not written again */
};

/* Validates the n bytes at data and, only when every row is valid, writes all of it in one
 * transaction, with an audit row by who for each person and each membership created.
 * who needs PERM_DIRECTORY_EDIT (else KL_EPERM with err filled, before reading the file)
 * and PERM_FORUM_MANAGE of every forum named. Each problem found is added to probs with
 * its line and column (a forum that who may not manage is such a problem, on the first row
 * naming it); then the result is KL_EINVAL (KL_EPERM when a forum was refused) with err
 * saying how many problems there were, and the database is unchanged. Other failures
 * (database, memory) return their code with err filled, also leaving the database as it
 * was. On success fills sum (may be NULL) and returns 0. */
int app_member_import(struct store *st, const struct principal *who, const char *data,
                      size_t n, struct problems *probs, struct member_import_summary *sum,
                      struct kl_error *err);

#endif
