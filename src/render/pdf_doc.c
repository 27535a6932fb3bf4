/* pdf_doc.c - fonts, the render lock, pango contexts, markup escaping and stream writers
 * shared by the PDF documents (see pdf_doc.h). */
#include "render/pdf_doc.h"

#include "core/buf.h"
#include "core/error.h"

#include <errno.h>
#include <fontconfig/fontconfig.h>
#include <glib.h>
#include <pango/pangocairo.h>
#include <pango/pangofc-fontmap.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* Fonts: one font map for the process, used under the render lock. */

static pthread_once_t fonts_once = PTHREAD_ONCE_INIT;
static pthread_mutex_t render_lock = PTHREAD_MUTEX_INITIALIZER;
static PangoFontMap *fontmap;
static char fonts_problem[200];

/* A directory for fontconfig's cache that only we can write: /tmp/klynge-fontconfig-UID,
 * or a fresh private one. Empty when neither can be made. */
static void private_cache_dir(char *out, size_t size)
{
    struct stat sb;
    int n = snprintf(out, size, "/tmp/klynge-fontconfig-%lu", (unsigned long)getuid());

    if (n > 0 && (size_t)n < size && (mkdir(out, 0700) == 0 || errno == EEXIST) &&
        lstat(out, &sb) == 0 && S_ISDIR(sb.st_mode) && sb.st_uid == getuid() &&
        (sb.st_mode & 0077) == 0 && access(out, W_OK) == 0)
        return;
    n = snprintf(out, size, "/tmp/klynge-fontconfig-XXXXXX");
    if (n <= 0 || (size_t)n >= size || !mkdtemp(out))
        out[0] = '\0';
}

static void fonts_init(void)
{
    char dir[128], conf[300];
    FcConfig *cfg;
    const char *main_conf;

    /* fontconfig's default configuration caches under $XDG_CACHE_HOME or $HOME/.cache;
     * a service account may have neither. Our configuration adds a private cache
     * directory and becomes the process's current one (for cairo too), so no environment
     * variable has to change while other threads may read the environment. */
    private_cache_dir(dir, sizeof dir);
    cfg = FcConfigCreate();
    if (!cfg) {
        snprintf(fonts_problem, sizeof fonts_problem, "fontconfig could not start");
        return;
    }
    /* the system's configuration by name (FcConfigFilename would load the default
     * configuration, and with it the cache directories we are replacing) */
    main_conf = getenv("FONTCONFIG_FILE");
    FcConfigParseAndLoad(cfg, (const FcChar8 *)(main_conf && *main_conf ? main_conf
                                                                           : "fonts.conf"),
                         FcFalse);
    if (dir[0]) {
        snprintf(conf, sizeof conf, "<?xml version=\"1.0\"?><fontconfig><cachedir>%s"
                 "</cachedir></fontconfig>", dir);
        FcConfigParseAndLoadFromMemory(cfg, (const FcChar8 *)conf, FcFalse);
    }
    if (!FcConfigBuildFonts(cfg)) {
        FcConfigDestroy(cfg);
        snprintf(fonts_problem, sizeof fonts_problem, "fontconfig found no fonts");
        return;
    }
    FcConfigSetCurrent(cfg);
    fontmap = pango_cairo_font_map_new_for_font_type(CAIRO_FONT_TYPE_FT);
    if (!fontmap) {
        FcConfigDestroy(cfg);
        snprintf(fonts_problem, sizeof fonts_problem, "pango has no FreeType font map");
        return;
    }
    pango_fc_font_map_set_config(PANGO_FC_FONT_MAP(fontmap), cfg);
    FcConfigDestroy(cfg);
    {
        FcPattern *pat = FcNameParse((const FcChar8 *)"DejaVu Sans");
        FcResult res;
        FcPattern *m = NULL;
        FcChar8 *family = NULL;
        FcConfig *c = pango_fc_font_map_get_config(PANGO_FC_FONT_MAP(fontmap));

        if (pat) {
            FcConfigSubstitute(c, pat, FcMatchPattern);
            FcDefaultSubstitute(pat);
            m = FcFontMatch(c, pat, &res);
        }
        if (!m || FcPatternGetString(m, FC_FAMILY, 0, &family) != FcResultMatch)
            snprintf(fonts_problem, sizeof fonts_problem,
                     "no font found (install fonts-dejavu-core: scripts/bootstrap)");
        if (m)
            FcPatternDestroy(m);
        if (pat)
            FcPatternDestroy(pat);
    }
}

int pdf_fonts_ready(struct kl_error *err)
{
    pthread_once(&fonts_once, fonts_init);
    if (!fontmap || fonts_problem[0])
        return kl_error_set(err, KL_EIO, "PDF: %s",
                            fonts_problem[0] ? fonts_problem : "no fonts");
    return 0;
}

/* Text. */

int pdf_markup_text(struct buf *b, const char *s, size_t n)
{
    const char *p = s, *end = s + n;
    int rc = 0;

    while (p < end && !rc) {
        gunichar ch = g_utf8_get_char_validated(p, end - p);
        if (ch == (gunichar)-1 || ch == (gunichar)-2) {
            rc = buf_puts(b, "\xEF\xBF\xBD");
            p++;
            continue;
        }
        const char *next = g_utf8_next_char(p);
        switch (ch) {
        case '&': rc = buf_puts(b, "&amp;"); break;
        case '<': rc = buf_puts(b, "&lt;"); break;
        case '>': rc = buf_puts(b, "&gt;"); break;
        case '"': rc = buf_puts(b, "&quot;"); break;
        case '\'': rc = buf_puts(b, "&#39;"); break;
        default:
            if ((ch < 0x20 && ch != '\t' && ch != '\n') || ch == 0x7f || ch == 0xfffe ||
                ch == 0xffff)
                break;
            rc = buf_append(b, p, (size_t)(next - p));
        }
        p = next;
    }
    return rc;
}

int pdf_markup_str(struct buf *b, const char *s)
{
    return s ? pdf_markup_text(b, s, strlen(s)) : 0;
}

void pdf_doc_lock(void)
{
    pthread_mutex_lock(&render_lock);
}

void pdf_doc_unlock(void)
{
    pthread_mutex_unlock(&render_lock);
}

PangoContext *pdf_doc_context(cairo_t *cr)
{
    PangoContext *pc = pango_font_map_create_context(fontmap);
    cairo_font_options_t *fo = cairo_font_options_create();

    cairo_font_options_set_hint_metrics(fo, CAIRO_HINT_METRICS_OFF);
    cairo_font_options_set_hint_style(fo, CAIRO_HINT_STYLE_NONE);
    pango_cairo_context_set_font_options(pc, fo);
    cairo_font_options_destroy(fo);
    pango_cairo_update_context(cr, pc);
    return pc;
}

cairo_status_t pdf_stream_buf(void *closure, const unsigned char *data, unsigned int len)
{
    return buf_append(closure, data, len) ? CAIRO_STATUS_WRITE_ERROR : CAIRO_STATUS_SUCCESS;
}

cairo_status_t pdf_stream_discard(void *closure, const unsigned char *data, unsigned int len)
{
    (void)closure, (void)data, (void)len;
    return CAIRO_STATUS_SUCCESS;
}
