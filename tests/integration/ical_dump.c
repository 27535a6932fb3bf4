/* ical_dump.c - test helper: parses an iCalendar file with libical and prints one line per
 * VEVENT (UID, STATUS, DTSTART and DTEND as UTC Unix seconds through the calendar's own
 * VTIMEZONE, SUMMARY, LOCATION, URL, DESCRIPTION with newlines as " | "), tab-separated,
 * after a first line "calendar NAME". Exits 1 when libical finds an error or the calendar
 * breaks the iTIP restrictions of its METHOD, so that the integration tests parse every feed
 * they fetch with libical (a test-only dependency). Usage: ical_dump FILE */
#include <libical/ical.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static char *slurp(const char *path)
{
    FILE *f = fopen(path, "rb");
    char *text;
    long n;

    if (!f || fseek(f, 0, SEEK_END) != 0 || (n = ftell(f)) < 0 || fseek(f, 0, SEEK_SET) != 0)
        return NULL;
    text = malloc((size_t)n + 1);
    if (text && fread(text, 1, (size_t)n, f) != (size_t)n) {
        free(text);
        text = NULL;
    }
    if (text)
        text[n] = '\0';
    fclose(f);
    return text;
}

static void field(const char *s)
{
    putchar('\t');
    for (; s && *s; s++) {
        if (*s == '\n')
            fputs(" | ", stdout);
        else if (*s != '\t')
            putchar(*s);
    }
}

static const char *x_prop(icalcomponent *c, const char *name)
{
    for (icalproperty *p = icalcomponent_get_first_property(c, ICAL_X_PROPERTY); p;
         p = icalcomponent_get_next_property(c, ICAL_X_PROPERTY))
        if (strcmp(icalproperty_get_x_name(p), name) == 0)
            return icalproperty_get_x(p);
    return "";
}

int main(int argc, char **argv)
{
    char *text = argc == 2 ? slurp(argv[1]) : NULL;
    icalcomponent *cal;
    icaltimezone *zone;
    int errors;

    if (!text) {
        fprintf(stderr, "usage: ical_dump FILE\n");
        return 2;
    }
    cal = icalparser_parse_string(text);
    free(text);
    if (!cal || icalcomponent_isa(cal) != ICAL_VCALENDAR_COMPONENT) {
        fprintf(stderr, "not a VCALENDAR\n");
        return 1;
    }
    icalrestriction_check(cal);
    errors = icalcomponent_count_errors(cal);
    if (errors) {
        fprintf(stderr, "%d errors:\n%s\n", errors, icalcomponent_as_ical_string(cal));
        return 1;
    }
    zone = icalcomponent_get_timezone(cal, "Europe/Copenhagen");
    printf("calendar\t%s\n", x_prop(cal, "X-WR-CALNAME"));
    for (icalcomponent *ev = icalcomponent_get_first_component(cal, ICAL_VEVENT_COMPONENT); ev;
         ev = icalcomponent_get_next_component(cal, ICAL_VEVENT_COMPONENT)) {
        icalproperty *url = icalcomponent_get_first_property(ev, ICAL_URL_PROPERTY);
        if (!zone) {
            fprintf(stderr, "no VTIMEZONE for Europe/Copenhagen\n");
            return 1;
        }
        fputs(icalcomponent_get_uid(ev), stdout);
        field(icalproperty_status_to_string(icalcomponent_get_status(ev)));
        printf("\t%lld\t%lld",
               (long long)icaltime_as_timet_with_zone(icalcomponent_get_dtstart(ev), zone),
               (long long)icaltime_as_timet_with_zone(icalcomponent_get_dtend(ev), zone));
        field(icalcomponent_get_summary(ev));
        field(icalcomponent_get_location(ev));
        field(url ? icalproperty_get_url(url) : "");
        field(icalcomponent_get_description(ev));
        putchar('\n');
    }
    icalcomponent_free(cal);
    return 0;
}
