/* attachment.c - recognising an attachment's type from its bytes, and its stored file name
 * (see attachment.h). Everything here reads untrusted bytes: every offset is checked
 * against the length before it is read, and every loop has a fixed bound. */
#include "model/attachment.h"

#include "core/arena.h"
#include "core/utf8.h"

#include <string.h>

static const char *const mimes[FILE_TYPE_COUNT] = {
    [FILE_PDF] = "application/pdf",
    [FILE_PNG] = "image/png",
    [FILE_JPEG] = "image/jpeg",
    [FILE_GIF] = "image/gif",
    [FILE_DOCX] = "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    [FILE_XLSX] = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    [FILE_PPTX] = "application/vnd.openxmlformats-officedocument.presentationml.presentation",
    [FILE_DOC] = "application/msword",
    [FILE_XLS] = "application/vnd.ms-excel",
    [FILE_PPT] = "application/vnd.ms-powerpoint",
};

static const char *const extensions[FILE_TYPE_COUNT] = {
    [FILE_PDF] = "pdf",   [FILE_PNG] = "png",   [FILE_JPEG] = "jpg",  [FILE_GIF] = "gif",
    [FILE_DOCX] = "docx", [FILE_XLSX] = "xlsx", [FILE_PPTX] = "pptx", [FILE_DOC] = "doc",
    [FILE_XLS] = "xls",   [FILE_PPT] = "ppt",
};

const char *file_type_mime(enum file_type t)
{
    return t > FILE_UNKNOWN && t < FILE_TYPE_COUNT ? mimes[t] : NULL;
}

const char *file_type_extension(enum file_type t)
{
    return t > FILE_UNKNOWN && t < FILE_TYPE_COUNT ? extensions[t] : NULL;
}

enum file_type file_type_of_mime(const char *mime)
{
    for (int t = FILE_PDF; mime && t < FILE_TYPE_COUNT; t++)
        if (strcmp(mime, mimes[t]) == 0)
            return (enum file_type)t;
    return FILE_UNKNOWN;
}

/* Little-endian reads; the caller has checked that the bytes are there. */
static uint32_t le16(const unsigned char *p)
{
    return (uint32_t)p[0] | (uint32_t)p[1] << 8;
}

static uint32_t le32(const unsigned char *p)
{
    return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
}

/* Office Open XML: a zip whose central directory names files under exactly one of word/,
 * xl/ and ppt/. */
static enum file_type sniff_zip(const unsigned char *p, size_t n)
{
    size_t eocd, lowest, off, end;
    uint32_t entries, cd_size, cd_off;
    int word = 0, xl = 0, ppt = 0;

    if (n < 22 + 4 || memcmp(p, "PK\3\4", 4) != 0)
        return FILE_UNKNOWN;
    /* the end of central directory record: 22 bytes and a comment of at most 65535 */
    lowest = n - 22 > 65535 ? n - 22 - 65535 : 0;
    for (eocd = n - 22;; eocd--) {
        if (memcmp(p + eocd, "PK\5\6", 4) == 0 && eocd + 22 + le16(p + eocd + 20) <= n)
            break;
        if (eocd == lowest)
            return FILE_UNKNOWN;
    }
    entries = le16(p + eocd + 10);
    cd_size = le32(p + eocd + 12);
    cd_off = le32(p + eocd + 16);
    if (cd_off > eocd || cd_size > eocd - cd_off)
        return FILE_UNKNOWN;
    off = cd_off;
    end = (size_t)cd_off + cd_size;
    for (uint32_t i = 0; i < entries; i++) {
        size_t name_len, next;
        const unsigned char *name;
        if (end - off < 46 || memcmp(p + off, "PK\1\2", 4) != 0)
            return FILE_UNKNOWN;
        name_len = le16(p + off + 28);
        next = off + 46 + name_len + le16(p + off + 30) + le16(p + off + 32);
        if (next > end)
            return FILE_UNKNOWN;
        name = p + off + 46;
        if (name_len >= 5 && memcmp(name, "word/", 5) == 0)
            word = 1;
        else if (name_len >= 3 && memcmp(name, "xl/", 3) == 0)
            xl = 1;
        else if (name_len >= 4 && memcmp(name, "ppt/", 4) == 0)
            ppt = 1;
        off = next;
    }
    if (word + xl + ppt != 1)
        return FILE_UNKNOWN;
    return word ? FILE_DOCX : xl ? FILE_XLSX : FILE_PPTX;
}

/* Legacy Office: an OLE compound file (MS-CFB) whose root storage holds the main stream of
 * Word, Excel or PowerPoint. The directory is a chain of sectors found through the FAT; the
 * root's children are a tree linked by left and right sibling ids. */

#define CFB_END 0xFFFFFFFEu
#define CFB_FREE 0xFFFFFFFFu
#define CFB_MAX_DIR_SECTORS 256
#define CFB_MAX_DIFAT_HOPS 64
#define CFB_MAX_NODES 1024

struct cfb {
    const unsigned char *p;
    size_t n;
    unsigned shift;                    /* sector size is 1 << shift: 512 or 4096 */
    uint32_t dir[CFB_MAX_DIR_SECTORS]; /* the directory's sectors in order */
    size_t ndir;
};

/* The offset of sector s, or 0 when it lies outside the file. */
static size_t cfb_sector(const struct cfb *c, uint32_t s)
{
    uint64_t off = ((uint64_t)s + 1) << c->shift;

    if (s >= 0xFFFFFFFAu || off + ((uint64_t)1 << c->shift) > c->n)
        return 0;
    return (size_t)off;
}

/* The sector holding FAT sector number fi: the header's first 109 entries, then the DIFAT
 * chain. CFB_FREE when it cannot be found. */
static uint32_t cfb_fat_sector(const struct cfb *c, uint32_t fi)
{
    uint32_t per = ((uint32_t)1 << c->shift) / 4 - 1, s;
    size_t off;

    if (fi < 109)
        return le32(c->p + 76 + 4 * fi);
    fi -= 109;
    s = le32(c->p + 68);
    for (int hop = 0; hop < CFB_MAX_DIFAT_HOPS; hop++) {
        if (!(off = cfb_sector(c, s)))
            return CFB_FREE;
        if (fi < per)
            return le32(c->p + off + 4 * fi);
        fi -= per;
        s = le32(c->p + off + 4 * per);
    }
    return CFB_FREE;
}

/* The sector after s in its chain, or CFB_FREE when the FAT cannot say. */
static uint32_t cfb_next(const struct cfb *c, uint32_t s)
{
    uint32_t per = ((uint32_t)1 << c->shift) / 4;
    size_t off = cfb_sector(c, cfb_fat_sector(c, s / per));

    return off ? le32(c->p + off + 4 * (s % per)) : CFB_FREE;
}

/* The offset of directory entry id, or 0. */
static size_t cfb_entry(const struct cfb *c, uint32_t id)
{
    uint32_t per = ((uint32_t)1 << c->shift) / 128;
    size_t off;

    if (id / per >= c->ndir || !(off = cfb_sector(c, c->dir[id / per])))
        return 0;
    return off + (size_t)(id % per) * 128;
}

/* 1 when the entry at off is a stream named `name` (ASCII, compared as UTF-16LE). */
static int cfb_stream_is(const struct cfb *c, size_t off, const char *name)
{
    size_t len = strlen(name);
    const unsigned char *e = c->p + off;

    if (e[66] != 2 || le16(e + 64) != 2 * (len + 1))
        return 0;
    for (size_t i = 0; i < len; i++)
        if (e[2 * i] != (unsigned char)name[i] || e[2 * i + 1] != 0)
            return 0;
    return 1;
}

static enum file_type sniff_ole(const unsigned char *p, size_t n)
{
    static const unsigned char sig[8] = {0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1};
    struct cfb c = {.p = p, .n = n};
    uint32_t s, stack[64], root_child;
    size_t off, depth = 0;
    enum file_type found = FILE_UNKNOWN;
    int nodes = 0;

    if (n < 512 || memcmp(p, sig, 8) != 0 || le16(p + 28) != 0xFFFE)
        return FILE_UNKNOWN;
    c.shift = le16(p + 30);
    if (c.shift != 9 && c.shift != 12)
        return FILE_UNKNOWN;
    for (s = le32(p + 48); s != CFB_END && c.ndir < CFB_MAX_DIR_SECTORS; s = cfb_next(&c, s)) {
        if (!cfb_sector(&c, s))
            return FILE_UNKNOWN;
        c.dir[c.ndir++] = s;
    }
    /* entry 0 is the root storage */
    if (!(off = cfb_entry(&c, 0)) || p[off + 66] != 5)
        return FILE_UNKNOWN;
    root_child = le32(p + off + 76);
    if (root_child != CFB_FREE)
        stack[depth++] = root_child;
    while (depth && nodes++ < CFB_MAX_NODES) {
        uint32_t id = stack[--depth], left, right;
        enum file_type t = FILE_UNKNOWN;
        if (!(off = cfb_entry(&c, id)))
            return FILE_UNKNOWN;
        if (cfb_stream_is(&c, off, "WordDocument"))
            t = FILE_DOC;
        else if (cfb_stream_is(&c, off, "Workbook") || cfb_stream_is(&c, off, "Book"))
            t = FILE_XLS;
        else if (cfb_stream_is(&c, off, "PowerPoint Document"))
            t = FILE_PPT;
        if (t != FILE_UNKNOWN) {
            if (found != FILE_UNKNOWN && found != t)
                return FILE_UNKNOWN;
            found = t;
        }
        left = le32(p + off + 68);
        right = le32(p + off + 72);
        if (left != CFB_FREE && depth < 64)
            stack[depth++] = left;
        if (right != CFB_FREE && depth < 64)
            stack[depth++] = right;
    }
    return found;
}

enum file_type file_type_sniff(const unsigned char *p, size_t n)
{
    static const unsigned char png[8] = {0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'};

    if (!p || n == 0)
        return FILE_UNKNOWN;
    if (n >= 5 && memcmp(p, "%PDF-", 5) == 0)
        return FILE_PDF;
    if (n >= 8 && memcmp(p, png, 8) == 0)
        return FILE_PNG;
    if (n >= 3 && p[0] == 0xFF && p[1] == 0xD8 && p[2] == 0xFF)
        return FILE_JPEG;
    if (n >= 6 && (memcmp(p, "GIF87a", 6) == 0 || memcmp(p, "GIF89a", 6) == 0))
        return FILE_GIF;
    if (n >= 4 && memcmp(p, "PK\3\4", 4) == 0)
        return sniff_zip(p, n);
    if (n >= 8 && p[0] == 0xD0 && p[1] == 0xCF)
        return sniff_ole(p, n);
    return FILE_UNKNOWN;
}

/* File names. */

/* The length of the UTF-8 sequence that lead byte c starts, 0 when c cannot start one. */
static size_t seq_len(unsigned char c)
{
    return c < 0x80 ? 1 : c >= 0xC2 && c <= 0xDF ? 2 : c >= 0xE0 && c <= 0xEF ? 3
         : c >= 0xF0 && c <= 0xF4 ? 4 : 0;
}

static int ieq(const char *a, size_t n, const char *b)
{
    if (strlen(b) != n)
        return 0;
    for (size_t i = 0; i < n; i++) {
        char x = a[i] >= 'A' && a[i] <= 'Z' ? (char)(a[i] + 32) : a[i];
        if (x != b[i])
            return 0;
    }
    return 1;
}

/* 1 when ext (n bytes) names type t ("jpeg" also names JPEG). */
static int ext_is(const char *ext, size_t n, enum file_type t)
{
    return ieq(ext, n, extensions[t]) || (t == FILE_JPEG && ieq(ext, n, "jpeg"));
}

char *attachment_filename(struct arena *a, const char *name, enum file_type t)
{
    const char *ext = file_type_extension(t), *base = name ? name : "";
    size_t n, o = 0, keep, elen, dot = 0;
    char *out;

    if (!ext)
        return NULL;
    for (const char *q = base; *q; q++)
        if (*q == '/' || *q == '\\')
            base = q + 1;
    n = strlen(base);
    elen = strlen(ext);
    if (!(out = arena_alloc(a, n + elen + 16)))
        return NULL;
    /* clean: control characters, quotes and bad UTF-8 become '_' */
    for (size_t i = 0; i < n;) {
        unsigned char c = (unsigned char)base[i];
        size_t len = seq_len(c);
        if (len > 1 && i + len <= n && utf8_valid(base + i, len, NULL)) {
            memcpy(out + o, base + i, len);
            o += len;
            i += len;
            continue;
        }
        out[o++] = c < ' ' || c == 0x7f || c == '"' || len != 1 ? '_' : (char)c;
        i++;
    }
    /* trim spaces and dots at both ends */
    keep = o;
    while (keep && (out[keep - 1] == ' ' || out[keep - 1] == '.'))
        keep--;
    o = 0;
    while (o < keep && (out[o] == ' ' || out[o] == '.'))
        o++;
    memmove(out, out + o, keep - o);
    o = keep - o;
    /* the extension: keep a right one (in the uploader's case), drop a known wrong one */
    for (size_t i = o; i > 0; i--)
        if (out[i - 1] == '.') {
            dot = i;
            break;
        }
    if (dot && ext_is(out + dot, o - dot, t)) {
        elen = o - dot;
        if (!(ext = arena_strndup(a, out + dot, elen)))
            return NULL;
        o = dot - 1;
    } else if (dot) {
        for (int k = FILE_PDF; k < FILE_TYPE_COUNT; k++)
            if (ext_is(out + dot, o - dot, (enum file_type)k)) {
                o = dot - 1;
                break;
            }
    }
    /* cut the base on a UTF-8 boundary so that base.ext fits */
    if (o + 1 + elen > ATTACHMENT_NAME_MAX) {
        o = ATTACHMENT_NAME_MAX - 1 - elen;
        while (o && ((unsigned char)out[o] & 0xC0) == 0x80)
            o--;
    }
    if (o == 0) {
        memcpy(out, "bilag", 5);
        o = 5;
    }
    out[o++] = '.';
    memcpy(out + o, ext, elen);
    out[o + elen] = '\0';
    return out;
}
