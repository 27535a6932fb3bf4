/* text_worker.h - the server's own thread that extracts the text of uploaded PDF
 * attachments for the search (app_attachment_text_backfill), so that no request waits for
 * pdftotext and no worker thread of the server is held by it (docs/search.md). */
#ifndef KL_WEB_TEXT_WORKER_H
#define KL_WEB_TEXT_WORKER_H

struct text_worker;
struct kl_error;

/* Opens a connection to the database at db_path and starts the thread, which extracts at
 * once what is missing (uploads a stopped server left without text) and then whenever
 * text_worker_wake is called. Its failures are written through log(log_ctx, line) and
 * retried on the next wake. On success *out is the worker, to end with text_worker_stop.
 * Returns 0, the store's error, or KL_ENOMEM / KL_EIO when the thread cannot start. */
int text_worker_start(const char *db_path, void (*log)(void *, const char *), void *log_ctx,
                      struct text_worker **out, struct kl_error *err);

/* Asks the worker to look for text to extract (an upload left its text to it). Returns at
 * once; any number of calls during one round make one more round. Thread-safe. */
void text_worker_wake(struct text_worker *w);

/* Ends the worker: an extraction under way is finished first (at most pdftotext's
 * deadline), what is left waits for the next start. Frees w; NULL is ignored. */
void text_worker_stop(struct text_worker *w);

#endif
