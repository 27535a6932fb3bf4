/* test_meeting_rules.c - the pure rules of meetings: status transitions, the publication
 * deadline across summer time and year ends, urgency, agenda order, value checks, times,
 * referral directions, and recognising attachments from hand-made bytes. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include "core/arena.h"
#include "core/date.h"
#include "model/attachment.h"
#include "model/fields.h"
#include "model/meeting.h"
#include "model/org.h"

#include <string.h>

static int64_t utc(int y, int mo, int d, int h, int mi)
{
    return (int64_t)date_from_ymd(y, mo, d) * 86400 + h * 3600 + mi * 60;
}

/* Status transitions. */

static void test_transitions_follow_the_chain(void **state)
{
    (void)state;
    for (int from = 0; from < MEETING_STATUS_COUNT; from++)
        for (int to = 0; to < MEETING_STATUS_COUNT; to++) {
            int expected = (to == from + 1 && from < MEETING_MINUTES_PUBLISHED &&
                            to != MEETING_CANCELLED) ||
                           (to == MEETING_CANCELLED && from < MEETING_HELD);
            if (meeting_transition_allowed((enum meeting_status)from,
                                           (enum meeting_status)to) != expected)
                fail_msg("%s -> %s: expected %d", meeting_status_name((enum meeting_status)from),
                         meeting_status_name((enum meeting_status)to), expected);
        }
    assert_true(meeting_transition_allowed(MEETING_PLANNED, MEETING_AGENDA_DRAFT));
    assert_true(meeting_transition_allowed(MEETING_AGENDA_PUBLISHED, MEETING_CANCELLED));
    assert_false(meeting_transition_allowed(MEETING_HELD, MEETING_CANCELLED));
    assert_false(meeting_transition_allowed(MEETING_CANCELLED, MEETING_PLANNED));
    assert_false(meeting_transition_allowed(MEETING_CANCELLED, MEETING_CANCELLED));
    assert_false(meeting_transition_allowed(MEETING_PLANNED, MEETING_AGENDA_PUBLISHED));
    assert_false(meeting_transition_allowed(MEETING_MINUTES_PUBLISHED, MEETING_CANCELLED));
    assert_false(meeting_transition_allowed((enum meeting_status)99, MEETING_CANCELLED));
}

static void test_what_each_status_allows(void **state)
{
    (void)state;
    assert_true(meeting_agenda_editable(MEETING_PLANNED));
    assert_true(meeting_agenda_editable(MEETING_AGENDA_PUBLISHED));
    assert_false(meeting_agenda_editable(MEETING_HELD));
    assert_false(meeting_agenda_editable(MEETING_CANCELLED));
    assert_false(meeting_agenda_public(MEETING_AGENDA_DRAFT));
    assert_true(meeting_agenda_public(MEETING_AGENDA_PUBLISHED));
    assert_true(meeting_agenda_public(MEETING_MINUTES_PUBLISHED));
    assert_false(meeting_agenda_public(MEETING_CANCELLED));
    assert_false(meeting_minutes_public(MEETING_MINUTES_DRAFT));
    assert_true(meeting_minutes_public(MEETING_MINUTES_PUBLISHED));
    assert_true(meeting_minutes_editable(MEETING_HELD));
    assert_true(meeting_minutes_editable(MEETING_MINUTES_DRAFT));
    assert_false(meeting_minutes_editable(MEETING_MINUTES_PUBLISHED));
    assert_false(meeting_kind_has_deadline(MEETING_PRE));
    assert_true(meeting_kind_has_deadline(MEETING_POLITICAL));
}

static void test_names_round_trip(void **state)
{
    (void)state;
    for (int i = 0; i < MEETING_KIND_COUNT; i++)
        assert_int_equal(meeting_kind_parse(meeting_kind_name((enum meeting_kind)i)), i);
    for (int i = 0; i < MEETING_STATUS_COUNT; i++)
        assert_int_equal(meeting_status_parse(meeting_status_name((enum meeting_status)i)), i);
    for (int i = 1; i < OUTCOME_COUNT; i++)
        assert_int_equal(item_outcome_parse(item_outcome_name((enum item_outcome)i)), i);
    for (int i = 0; i < ITEM_STATE_COUNT; i++)
        assert_int_equal(item_state_parse(item_state_name((enum item_state)i)), i);
    for (int i = 0; i < REFERRAL_STATUS_COUNT; i++)
        assert_int_equal(referral_status_parse(referral_status_name((enum referral_status)i)), i);
    assert_string_equal(meeting_kind_name(MEETING_PRE), "pre_meeting");
    assert_string_equal(item_standard_name(STANDARD_ANY_OTHER), "any_other_business");
    assert_int_equal(meeting_kind_parse("party"), -1);
    assert_null(meeting_status_name(MEETING_STATUS_COUNT));
    assert_int_equal(room_parse("deciding"), ROOM_DECIDING);
    assert_int_equal(room_parse("everything"), 0);
    assert_string_equal(room_name(ROOM_NEGOTIATING), "negotiating");
    assert_null(room_name(ROOM_INFORMING | ROOM_DECIDING));
}

/* The publication deadline. */

static void test_deadline_is_the_local_day_minus_the_mandate_days(void **state)
{
    (void)state;
    /* seed 001: the meeting of 27 November 2019 at 12.30, agenda 14 days before */
    assert_int_equal(meeting_publish_deadline(date_cph_to_utc(2019, 11, 27, 12, 30), 14),
                     date_from_ymd(2019, 11, 13));
    /* 00:30 in summer is 22:30 UTC the day before: the Copenhagen day counts */
    assert_int_equal(utc(2024, 6, 30, 22, 30), date_cph_to_utc(2024, 7, 1, 0, 30));
    assert_int_equal(meeting_publish_deadline(utc(2024, 6, 30, 22, 30), 14),
                     date_from_ymd(2024, 6, 17));
    /* and in winter 23:30 UTC on New Year's Eve is already next year in Copenhagen */
    assert_int_equal(meeting_cph_day(utc(2023, 12, 31, 23, 30)), date_from_ymd(2024, 1, 1));
    assert_int_equal(meeting_publish_deadline(utc(2023, 12, 31, 23, 30), 14),
                     date_from_ymd(2023, 12, 18));
    /* a deadline across the change to summer time */
    assert_int_equal(meeting_publish_deadline(date_cph_to_utc(2024, 4, 10, 9, 0), 14),
                     date_from_ymd(2024, 3, 27));
    /* the day the clocks go back, before and after the repeated hour */
    assert_int_equal(meeting_cph_day(date_cph_to_utc(2024, 10, 27, 2, 30)),
                     date_from_ymd(2024, 10, 27));
    assert_int_equal(meeting_cph_day(utc(2024, 10, 26, 22, 0)), date_from_ymd(2024, 10, 27));
    assert_int_equal(meeting_cph_day(utc(2024, 10, 26, 21, 59)), date_from_ymd(2024, 10, 26));
    /* no days: the meeting day itself */
    assert_int_equal(meeting_publish_deadline(date_cph_to_utc(2024, 1, 5, 8, 0), 0),
                     date_from_ymd(2024, 1, 5));
}

static void test_late_means_a_later_copenhagen_day(void **state)
{
    int32_t winter = date_from_ymd(2023, 12, 18), summer = date_from_ymd(2024, 6, 17);

    (void)state;
    /* 23:59:59 local on the deadline day is on time, midnight is late */
    assert_false(meeting_publish_late(utc(2023, 12, 18, 22, 59) + 59, winter));
    assert_true(meeting_publish_late(utc(2023, 12, 18, 23, 0), winter));
    assert_false(meeting_publish_late(utc(2024, 6, 17, 21, 59) + 59, summer));
    assert_true(meeting_publish_late(utc(2024, 6, 17, 22, 0), summer));
    assert_false(meeting_publish_late(utc(2024, 6, 1, 12, 0), summer));
}

static void test_urgency(void **state)
{
    int32_t d = date_from_ymd(2024, 1, 2);

    (void)state;
    assert_int_equal(meeting_urgency(d, d + 1, 0), URGENCY_OVERDUE);
    assert_int_equal(meeting_urgency(d, d, 0), URGENCY_SOON);
    assert_int_equal(meeting_urgency(d, d - 3, 0), URGENCY_SOON);
    assert_int_equal(meeting_urgency(d, d - 4, 0), URGENCY_WEEK);
    assert_int_equal(meeting_urgency(d, d - 7, 0), URGENCY_WEEK);
    assert_int_equal(meeting_urgency(d, d - 8, 0), URGENCY_FINE);
    /* once published nothing is urgent, even after the deadline */
    assert_int_equal(meeting_urgency(d, d + 5, 1), URGENCY_FINE);
    /* across a year end: due 2 January, seen on 30 December */
    assert_int_equal(meeting_urgency(d, date_from_ymd(2023, 12, 30), 0), URGENCY_SOON);
    assert_string_equal(publish_urgency_name(URGENCY_OVERDUE), "overdue");
    assert_string_equal(publish_urgency_name(URGENCY_WEEK), "due_week");
}

/* Times. */

static void test_local_and_utc_times(void **state)
{
    int64_t t;
    char out[21];

    (void)state;
    assert_int_equal(meeting_parse_local("2019-11-27 12:30", &t), 0);
    assert_int_equal(t, utc(2019, 11, 27, 11, 30));
    assert_int_equal(meeting_parse_local("2023-08-30T13:00", &t), 0);
    assert_int_equal(t, utc(2023, 8, 30, 11, 0));
    assert_int_equal(meeting_parse_local("2023-02-30 13:00", &t), -1);
    assert_int_equal(meeting_parse_local("2023-08-30 24:00", &t), -1);
    assert_int_equal(meeting_parse_local("2023-08-30 13:00:00", &t), -1);
    assert_int_equal(meeting_parse_local("30-08-2023 13:00", &t), -1);
    assert_int_equal(meeting_parse_local("", &t), -1);
    assert_int_equal(meeting_local_instant(date_from_ymd(2023, 8, 30), 13 * 60),
                     utc(2023, 8, 30, 11, 0));
    meeting_format_utc(utc(2019, 11, 27, 11, 30) + 7, out);
    assert_string_equal(out, "2019-11-27T11:30:07Z");
    assert_int_equal(meeting_parse_utc(out, strlen(out), &t), 0);
    assert_int_equal(t, utc(2019, 11, 27, 11, 30) + 7);
    meeting_format_utc(utc(1999, 12, 31, 23, 59) + 59, out);
    assert_string_equal(out, "1999-12-31T23:59:59Z");
    assert_int_equal(meeting_parse_utc("2019-11-27 11:30:07Z", 20, &t), -1);
    assert_int_equal(meeting_parse_utc("2019-11-27T11:30:07", 19, &t), -1);
    assert_int_equal(meeting_parse_utc("2019-11-27T11:30:60Z", 20, &t), -1);
}

/* The agenda's order. */

static void test_move_renumbers(void **state)
{
    int64_t ids[] = {10, 20, 30, 40, 50};

    (void)state;
    agenda_move(ids, 5, 3, 1); /* item 4 becomes item 2 */
    assert_int_equal(ids[0], 10);
    assert_int_equal(ids[1], 40);
    assert_int_equal(ids[2], 20);
    assert_int_equal(ids[3], 30);
    assert_int_equal(ids[4], 50);
    agenda_move(ids, 5, 0, 4); /* the first goes last */
    assert_int_equal(ids[0], 40);
    assert_int_equal(ids[3], 50);
    assert_int_equal(ids[4], 10);
    agenda_move(ids, 5, 2, 2);
    agenda_move(ids, 5, 7, 0); /* out of range: nothing */
    assert_int_equal(ids[2], 30);
    assert_int_equal(ids[0], 40);
}

static void test_new_items_go_before_any_other_business(void **state)
{
    enum item_standard std[] = {STANDARD_APPROVE_AGENDA, STANDARD_APPROVE_MINUTES,
                                STANDARD_ROUND, STANDARD_NONE, STANDARD_ANY_OTHER};
    enum item_standard plain[] = {STANDARD_NONE, STANDARD_NONE};

    (void)state;
    assert_int_equal(agenda_insert_at(std, 5), 4);
    assert_int_equal(agenda_insert_at(std, 4), 4);
    assert_int_equal(agenda_insert_at(plain, 2), 2);
    assert_int_equal(agenda_insert_at(NULL, 0), 0);
}

static void test_recommendation_lines(void **state)
{
    struct arena *a = arena_new(0);

    (void)state;
    assert_string_equal(recommendation_normalise(a, "  At Chefforum drøfter punkterne \r\n\r\n"
                                                    "\tAt Chefforum beslutter data\n   "),
                        "At Chefforum drøfter punkterne\nAt Chefforum beslutter data");
    assert_string_equal(recommendation_normalise(a, NULL), "");
    assert_string_equal(recommendation_normalise(a, "\n \n"), "");
    arena_free(a);
}

/* Checks. */

static void test_meeting_check(void **state)
{
    struct meeting m = {.forum_id = 1, .kind = MEETING_REGULAR, .title = "", .place = "K",
                        .theme = "", .site_visit = ""};
    struct field_errors fe = {0};

    (void)state;
    m.starts_at = utc(2023, 8, 30, 11, 0);
    m.ends_at = m.starts_at + 3 * 3600;
    assert_int_equal(meeting_check(&m, &fe), 0);
    m.ends_at = m.starts_at;
    m.theme = "IPS for unge";
    m.kind = MEETING_PRE;
    assert_int_equal(meeting_check(&m, &fe), 3);
    assert_non_null(fields_get(&fe, "ends_at"));
    assert_non_null(fields_get(&fe, "theme"));
    assert_non_null(fields_get(&fe, "parent_id"));
    fields_clear(&fe);
    m.kind = MEETING_POLITICAL;
    m.site_visit = "Besøg i Aalborg Kommunes beskæftigelsesforvaltning";
    m.ends_at = m.starts_at + 8 * 86400;
    m.place = "line\nbreak";
    assert_int_equal(meeting_check(&m, &fe), 2);
    assert_non_null(fields_get(&fe, "ends_at"));
    assert_non_null(fields_get(&fe, "place"));
}

static void test_item_check(void **state)
{
    static char big[ITEM_TEXT_MAX + 2];
    struct agenda_item it = {.title = "Hjerterehabilitering", .rooms = ROOM_INFORMING | ROOM_DEVELOPING,
                             .recommendation = "At klyngestyregruppen orienteres", .case_text = "",
                             .presenter = ""};
    struct field_errors fe = {0};

    (void)state;
    assert_int_equal(item_check(&it, &fe), 0);
    memset(big, 'x', sizeof(big) - 1);
    it.case_text = big;
    it.title = "";
    it.rooms = 16;
    assert_int_equal(item_check(&it, &fe), 3);
    assert_non_null(fields_get(&fe, "case_text"));
    assert_non_null(fields_get(&fe, "title"));
    assert_non_null(fields_get(&fe, "rooms"));
    fields_clear(&fe);
    big[ITEM_TEXT_MAX] = '\0'; /* exactly 64 KiB is allowed */
    it.title = "Ok";
    it.rooms = ROOMS_ALL;
    it.presenter = "\xff";
    assert_int_equal(item_check(&it, &fe), 1);
    assert_non_null(fields_get(&fe, "presenter"));
    fields_clear(&fe);
    assert_int_equal(decision_check("Godkendt.", OUTCOME_APPROVED, &fe), 0);
    assert_int_equal(decision_check("", OUTCOME_COUNT, &fe), 1);
}

static void test_followup_and_referral_checks(void **state)
{
    struct followup f = {.what = "Beskriv arbejdsgangen", .owner_forum_id = 4};
    struct referral r = {.from_forum_id = 3, .to_forum_id = 3, .note = ""};
    struct field_errors fe = {0};

    (void)state;
    assert_int_equal(followup_check(&f, &fe), 0);
    f.owner_person_id = 9;
    f.what = "";
    assert_int_equal(followup_check(&f, &fe), 2);
    assert_non_null(fields_get(&fe, "owner"));
    fields_clear(&fe);
    f.owner_person_id = f.owner_forum_id = 0;
    assert_int_equal(followup_check(&(struct followup){.what = "x"}, &fe), 1);
    fields_clear(&fe);
    assert_int_equal(referral_check(&r, &fe), 1);
    assert_non_null(fields_get(&fe, "to_forum_id"));
    fields_clear(&fe);
    r.to_forum_id = 0;
    assert_int_equal(referral_check(&r, &fe), 1);
}

static void test_referral_direction(void **state)
{
    /* driftsforum 5 → chefforum 3 → direktørforum 2 → politisk niveau 1; focus group 6 → 3 */
    const int64_t up5[] = {3, 2, 1}, up3[] = {2, 1}, up6[] = {3, 2, 1};

    (void)state;
    assert_int_equal(referral_direction_of(5, up5, 3, 3, up3, 2), REFERRAL_UP);
    assert_int_equal(referral_direction_of(5, up5, 3, 1, NULL, 0), REFERRAL_UP);
    assert_int_equal(referral_direction_of(3, up3, 2, 5, up5, 3), REFERRAL_DOWN);
    assert_int_equal(referral_direction_of(2, up3 + 1, 1, 6, up6, 3), REFERRAL_DOWN);
    assert_int_equal(referral_direction_of(5, up5, 3, 6, up6, 3), REFERRAL_ACROSS);
}

/* Attachments: hand-made files. */

/* Builds a zip holding empty stored files with the given names; returns its size. */
static size_t make_zip(unsigned char *out, const char *const *names, size_t n)
{
    size_t o = 0, cd_start, offsets[16];

    for (size_t i = 0; i < n; i++) {
        size_t len = strlen(names[i]);
        offsets[i] = o;
        memset(out + o, 0, 30);
        memcpy(out + o, "PK\3\4", 4);
        out[o + 26] = (unsigned char)len;
        memcpy(out + o + 30, names[i], len);
        o += 30 + len;
    }
    cd_start = o;
    for (size_t i = 0; i < n; i++) {
        size_t len = strlen(names[i]);
        memset(out + o, 0, 46);
        memcpy(out + o, "PK\1\2", 4);
        out[o + 28] = (unsigned char)len;
        out[o + 42] = (unsigned char)offsets[i];
        out[o + 43] = (unsigned char)(offsets[i] >> 8);
        memcpy(out + o + 46, names[i], len);
        o += 46 + len;
    }
    memset(out + o, 0, 22);
    memcpy(out + o, "PK\5\6", 4);
    out[o + 8] = out[o + 10] = (unsigned char)n;
    out[o + 12] = (unsigned char)(o - cd_start);
    out[o + 13] = (unsigned char)((o - cd_start) >> 8);
    out[o + 16] = (unsigned char)cd_start;
    out[o + 17] = (unsigned char)(cd_start >> 8);
    return o + 22;
}

static void put32(unsigned char *p, uint32_t v)
{
    p[0] = (unsigned char)v;
    p[1] = (unsigned char)(v >> 8);
    p[2] = (unsigned char)(v >> 16);
    p[3] = (unsigned char)(v >> 24);
}

/* A directory entry: name (ASCII), type (1 storage, 2 stream, 5 root), left, right, child. */
static void dir_entry(unsigned char *e, const char *name, int type, uint32_t left,
                      uint32_t right, uint32_t child)
{
    size_t len = strlen(name);

    memset(e, 0, 128);
    for (size_t i = 0; i < len; i++)
        e[2 * i] = (unsigned char)name[i];
    e[64] = (unsigned char)(2 * (len + 1));
    e[66] = (unsigned char)type;
    put32(e + 68, left);
    put32(e + 72, right);
    put32(e + 76, child);
}

#define NOSTREAM 0xFFFFFFFFu

/* A 1536-byte OLE compound file: header, one FAT sector (0), one directory sector (1) with
 * the root entry and up to three more entries. */
static size_t make_ole(unsigned char *out, const char *s1, int t1, const char *s2, int t2,
                       uint32_t child_of_1)
{
    static const unsigned char sig[8] = {0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1};

    memset(out, 0, 1536);
    memcpy(out, sig, 8);
    out[24] = 0x3E;
    out[26] = 3;
    out[28] = 0xFE;
    out[29] = 0xFF;
    out[30] = 9;
    out[32] = 6;
    put32(out + 44, 1);
    put32(out + 48, 1);
    put32(out + 56, 4096);
    put32(out + 60, 0xFFFFFFFEu);
    put32(out + 68, 0xFFFFFFFEu);
    memset(out + 76, 0xFF, 512 - 76);
    put32(out + 76, 0);
    memset(out + 512, 0xFF, 512);
    put32(out + 512, 0xFFFFFFFDu);
    put32(out + 516, 0xFFFFFFFEu);
    dir_entry(out + 1024, "Root Entry", 5, NOSTREAM, NOSTREAM, 1);
    dir_entry(out + 1024 + 128, s1, t1, NOSTREAM, s2 ? 2 : NOSTREAM, child_of_1);
    if (s2)
        dir_entry(out + 1024 + 256, s2, t2, NOSTREAM, NOSTREAM, NOSTREAM);
    return 1536;
}

static void test_sniff_signatures(void **state)
{
    static const unsigned char png[] = {0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n', 0, 0};
    static const unsigned char jpeg[] = {0xFF, 0xD8, 0xFF, 0xE0, 0, 0x10, 'J', 'F', 'I', 'F'};

    (void)state;
    assert_int_equal(file_type_sniff((const unsigned char *)"%PDF-1.7\n%\xe2\xe3", 12), FILE_PDF);
    assert_int_equal(file_type_sniff(png, sizeof(png)), FILE_PNG);
    assert_int_equal(file_type_sniff(jpeg, sizeof(jpeg)), FILE_JPEG);
    assert_int_equal(file_type_sniff((const unsigned char *)"GIF89a\1\0\1\0", 10), FILE_GIF);
    assert_int_equal(file_type_sniff((const unsigned char *)"GIF87a", 6), FILE_GIF);
    /* what is refused: HTML, text, a PDF signature not at the start, nothing at all */
    assert_int_equal(file_type_sniff((const unsigned char *)"<html><script>", 14), FILE_UNKNOWN);
    assert_int_equal(file_type_sniff((const unsigned char *)" %PDF-1.7", 9), FILE_UNKNOWN);
    assert_int_equal(file_type_sniff((const unsigned char *)"%PDF", 4), FILE_UNKNOWN);
    assert_int_equal(file_type_sniff((const unsigned char *)"GIF90a", 6), FILE_UNKNOWN);
    assert_int_equal(file_type_sniff((const unsigned char *)"", 0), FILE_UNKNOWN);
    assert_int_equal(file_type_sniff(NULL, 0), FILE_UNKNOWN);
    assert_string_equal(file_type_mime(FILE_PDF), "application/pdf");
    assert_null(file_type_mime(FILE_UNKNOWN));
    assert_int_equal(file_type_of_mime("application/msword"), FILE_DOC);
    assert_int_equal(file_type_of_mime("text/html"), FILE_UNKNOWN);
}

static void test_sniff_office_zip(void **state)
{
    static unsigned char z[4096];
    const char *docx[] = {"[Content_Types].xml", "_rels/.rels", "word/document.xml",
                          "word/embeddings/chart.xlsx"};
    const char *xlsx[] = {"[Content_Types].xml", "xl/workbook.xml"};
    const char *pptx[] = {"ppt/presentation.xml", "docProps/app.xml"};
    const char *both[] = {"word/document.xml", "xl/workbook.xml"};
    const char *plain[] = {"readme.txt", "wordy/x"};
    size_t n;

    (void)state;
    n = make_zip(z, docx, 4);
    assert_int_equal(file_type_sniff(z, n), FILE_DOCX);
    n = make_zip(z, xlsx, 2);
    assert_int_equal(file_type_sniff(z, n), FILE_XLSX);
    n = make_zip(z, pptx, 2);
    assert_int_equal(file_type_sniff(z, n), FILE_PPTX);
    n = make_zip(z, both, 2);
    assert_int_equal(file_type_sniff(z, n), FILE_UNKNOWN);
    n = make_zip(z, plain, 2);
    assert_int_equal(file_type_sniff(z, n), FILE_UNKNOWN);
    /* a cut-off zip has no end record; a broken central directory is refused */
    n = make_zip(z, docx, 4);
    assert_int_equal(file_type_sniff(z, n - 10), FILE_UNKNOWN);
    z[n - 22 + 16] = 0xF0; /* central directory offset past the end */
    assert_int_equal(file_type_sniff(z, n), FILE_UNKNOWN);
    n = make_zip(z, docx, 4);
    z[n - 22 + 10] = 9; /* more entries than there are */
    assert_int_equal(file_type_sniff(z, n), FILE_UNKNOWN);
}

static void test_sniff_legacy_office(void **state)
{
    static unsigned char f[1536];
    size_t n;

    (void)state;
    n = make_ole(f, "WordDocument", 2, "\x05SummaryInformation", 2, NOSTREAM);
    assert_int_equal(file_type_sniff(f, n), FILE_DOC);
    n = make_ole(f, "\x05SummaryInformation", 2, "Workbook", 2, NOSTREAM);
    assert_int_equal(file_type_sniff(f, n), FILE_XLS);
    n = make_ole(f, "Book", 2, NULL, 0, NOSTREAM);
    assert_int_equal(file_type_sniff(f, n), FILE_XLS);
    n = make_ole(f, "PowerPoint Document", 2, "Current User", 2, NOSTREAM);
    assert_int_equal(file_type_sniff(f, n), FILE_PPT);
    /* Word and Excel side by side at the root: not clear, refused */
    n = make_ole(f, "WordDocument", 2, "Workbook", 2, NOSTREAM);
    assert_int_equal(file_type_sniff(f, n), FILE_UNKNOWN);
    /* a Word stream inside a storage (an embedded object) is not at the root */
    n = make_ole(f, "ObjectPool", 1, NULL, 0, NOSTREAM);
    dir_entry(f + 1024 + 256, "WordDocument", 2, NOSTREAM, NOSTREAM, NOSTREAM);
    put32(f + 1024 + 128 + 76, 2);
    assert_int_equal(file_type_sniff(f, n), FILE_UNKNOWN);
    /* some other compound file (an Outlook message, say) */
    n = make_ole(f, "__properties_version1.0", 2, NULL, 0, NOSTREAM);
    assert_int_equal(file_type_sniff(f, n), FILE_UNKNOWN);
    /* cut off before the directory, or a directory that loops on itself */
    n = make_ole(f, "WordDocument", 2, NULL, 0, NOSTREAM);
    assert_int_equal(file_type_sniff(f, 1100), FILE_UNKNOWN);
    put32(f + 516, 1); /* the directory's chain points to itself */
    assert_int_equal(file_type_sniff(f, n), FILE_DOC);
    dir_entry(f + 1024 + 128, "WordDocument", 2, 1, 1, NOSTREAM); /* a sibling loop */
    assert_int_equal(file_type_sniff(f, n), FILE_DOC);
    f[30] = 10; /* an unknown sector size */
    assert_int_equal(file_type_sniff(f, n), FILE_UNKNOWN);
}

static void test_stored_file_names(void **state)
{
    struct arena *a = arena_new(0);
    char longname[400];

    (void)state;
    assert_string_equal(attachment_filename(a, "Referat.pdf", FILE_PDF), "Referat.pdf");
    assert_string_equal(attachment_filename(a, "C:\\Users\\lene\\Bilag 1.PDF", FILE_PDF),
                        "Bilag 1.PDF");
    assert_string_equal(attachment_filename(a, "../../etc/passwd", FILE_PDF), "passwd.pdf");
    /* the content decides: a PDF named .docx becomes .pdf, an HTML name gets .pdf added */
    assert_string_equal(attachment_filename(a, "Status for indsatser.docx", FILE_PDF),
                        "Status for indsatser.pdf");
    assert_string_equal(attachment_filename(a, "side.html", FILE_PNG), "side.html.png");
    assert_string_equal(attachment_filename(a, "foto.jpeg", FILE_JPEG), "foto.jpeg");
    assert_string_equal(attachment_filename(a, "a\"b\r\nc.gif", FILE_GIF), "a_b__c.gif");
    assert_string_equal(attachment_filename(a, "Kl\xf8" "ft.pdf", FILE_PDF), "Kl_ft.pdf");
    assert_string_equal(attachment_filename(a, "Økonomi – 2024.xlsx", FILE_XLSX),
                        "Økonomi – 2024.xlsx");
    assert_string_equal(attachment_filename(a, "", FILE_DOC), "bilag.doc");
    assert_string_equal(attachment_filename(a, NULL, FILE_PPT), "bilag.ppt");
    assert_string_equal(attachment_filename(a, " .. ", FILE_PPTX), "bilag.pptx");
    assert_null(attachment_filename(a, "x.pdf", FILE_UNKNOWN));
    /* long names are cut on a character boundary, keeping the extension */
    memset(longname, 0, sizeof(longname));
    for (size_t i = 0; i + 2 < 300; i += 2)
        memcpy(longname + i, "\xc3\xa6", 2);
    {
        const char *s = attachment_filename(a, longname, FILE_PDF);
        size_t n = strlen(s);
        assert_true(n <= ATTACHMENT_NAME_MAX);
        assert_string_equal(s + n - 4, ".pdf");
        assert_true(((n - 4) % 2) == 0);
    }
    arena_free(a);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_transitions_follow_the_chain),
        cmocka_unit_test(test_what_each_status_allows),
        cmocka_unit_test(test_names_round_trip),
        cmocka_unit_test(test_deadline_is_the_local_day_minus_the_mandate_days),
        cmocka_unit_test(test_late_means_a_later_copenhagen_day),
        cmocka_unit_test(test_urgency),
        cmocka_unit_test(test_local_and_utc_times),
        cmocka_unit_test(test_move_renumbers),
        cmocka_unit_test(test_new_items_go_before_any_other_business),
        cmocka_unit_test(test_recommendation_lines),
        cmocka_unit_test(test_meeting_check),
        cmocka_unit_test(test_item_check),
        cmocka_unit_test(test_followup_and_referral_checks),
        cmocka_unit_test(test_referral_direction),
        cmocka_unit_test(test_sniff_signatures),
        cmocka_unit_test(test_sniff_office_zip),
        cmocka_unit_test(test_sniff_legacy_office),
        cmocka_unit_test(test_stored_file_names),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
