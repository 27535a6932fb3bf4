/* attachment.h - attachments (bilag) of agenda items: the kinds of file klynge accepts,
 * recognised from their content and never from their name, and the safe file name they are
 * stored and served under.
 *
 * file_type_sniff reads bytes from outside (an upload) and is fuzzed
 * (fuzz/attachment_fuzz.c): it reads only inside the n bytes it is given, does no
 * allocation, and its work is bounded whatever the input. */
#ifndef KL_MODEL_ATTACHMENT_H
#define KL_MODEL_ATTACHMENT_H

#include <stddef.h>
#include <stdint.h>

struct arena;

#define ATTACHMENT_MAX_DEFAULT ((size_t)25 << 20) /* 25 MiB */
#define ATTACHMENT_NAME_MAX 200                   /* bytes of a stored file name */
#define SHA256_HEX_LEN 64

enum file_type {
    FILE_UNKNOWN = 0, /* refused */
    FILE_PDF,
    FILE_PNG,
    FILE_JPEG,
    FILE_GIF,
    FILE_DOCX,        /* Office Open XML: a zip with word/ */
    FILE_XLSX,        /*   ... with xl/ */
    FILE_PPTX,        /*   ... with ppt/ */
    FILE_DOC,         /* legacy Office (OLE compound file) with a WordDocument stream */
    FILE_XLS,         /*   ... with a Workbook (or Book) stream */
    FILE_PPT,         /*   ... with a "PowerPoint Document" stream */
    FILE_TYPE_COUNT
};

/* The type of the n bytes at p: PDF, PNG, JPEG and GIF by their signatures; docx, xlsx and
 * pptx by the zip's central directory naming files under word/, xl/ or ppt/ (exactly one of
 * them); doc, xls and ppt by the OLE signature and the streams at the root of the compound
 * file's directory. Anything else, an empty file, or a zip or OLE file that does not say
 * clearly what it is, is FILE_UNKNOWN. */
enum file_type file_type_sniff(const unsigned char *p, size_t n);

/* The media type to serve a type with ("application/pdf", ...); NULL for FILE_UNKNOWN. */
const char *file_type_mime(enum file_type t);

/* The usual file name extension without the dot ("pdf", "docx"); NULL for FILE_UNKNOWN. */
const char *file_type_extension(enum file_type t);

/* The type with media type mime, FILE_UNKNOWN when none. */
enum file_type file_type_of_mime(const char *mime);

/* The name a file of type t is stored under, from the name the uploader gave (may be NULL):
 * only the part after the last '/' or '\', control characters and quotes replaced by '_',
 * spaces trimmed, cut to ATTACHMENT_NAME_MAX bytes on a UTF-8 boundary, and ending in t's
 * extension (replacing a known extension of another type, else appended); "bilag.EXT" when
 * nothing is left. Invalid UTF-8 bytes are replaced by '_'. Returns NULL when out of memory
 * or when t is FILE_UNKNOWN. */
char *attachment_filename(struct arena *a, const char *name, enum file_type t);

#endif
