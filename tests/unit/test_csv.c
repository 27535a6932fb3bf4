/* test_csv.c - the CSV reader: separator and encoding detection, RFC 4180 quoting, line
 * numbers, header lookup, and the exact message of every malformed input. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/csv.h"
#include "core/error.h"

/* Opens a reader over the n bytes at s and fails the test when that does not work. */
static struct csv_reader *open_n(const char *s, size_t n, char sep)
{
    struct kl_error err;
    struct csv_reader *r;
    kl_error_clear(&err);
    r = csv_open_mem(s, n, sep, 0, &err);
    if (!r)
        fail_msg("csv_open_mem: %s", err.msg);
    return r;
}

static struct csv_reader *open_str(const char *s, char sep)
{
    return open_n(s, strlen(s), sep);
}

/* Reads the next record and checks its line and fields (NULL-terminated list). */
static void expect_record(struct csv_reader *r, size_t line, ...)
{
    struct csv_record rec;
    struct kl_error err;
    va_list ap;
    size_t i = 0;
    const char *want;

    kl_error_clear(&err);
    if (csv_next(r, &rec, &err) != 1)
        fail_msg("expected a record on line %zu, got: %s", line, err.msg);
    assert_int_equal(rec.line, line);
    va_start(ap, line);
    while ((want = va_arg(ap, const char *)) != NULL) {
        assert_true(i < rec.nfields);
        assert_string_equal(rec.fields[i], want);
        i++;
    }
    va_end(ap);
    assert_int_equal(rec.nfields, i);
}

static void expect_end(struct csv_reader *r)
{
    struct csv_record rec;
    struct kl_error err;
    kl_error_clear(&err);
    assert_int_equal(csv_next(r, &rec, &err), 0);
    assert_int_equal(csv_next(r, &rec, &err), 0);
}

/* Reads records until an error and checks its code and exact message; the reader then
 * stays at the end. */
static void expect_error(const char *s, size_t n, const char *msg)
{
    struct csv_reader *r = open_n(s, n, 0);
    struct csv_record rec;
    struct kl_error err;
    int got;

    kl_error_clear(&err);
    while ((got = csv_next(r, &rec, &err)) == 1)
        ;
    assert_int_equal(got, KL_EINVAL);
    assert_int_equal(err.code, KL_EINVAL);
    assert_string_equal(err.msg, msg);
    assert_int_equal(csv_next(r, &rec, &err), 0);
    csv_close(r);
}

static void test_comma_detected(void **state)
{
    struct csv_reader *r;
    (void)state;
    r = open_str("kommunekode,navn,region\n751,Aarhus,1082\n710,Favrskov,1082\n", 0);
    assert_int_equal(csv_separator(r), ',');
    assert_int_equal(csv_encoding(r), CSV_ENC_UTF8);
    expect_record(r, 1, "kommunekode", "navn", "region", NULL);
    expect_record(r, 2, "751", "Aarhus", "1082", NULL);
    expect_record(r, 3, "710", "Favrskov", "1082", NULL);
    expect_end(r);
    csv_close(r);

    /* a tie goes to the comma; only the first line counts */
    r = open_str("a,b;c\n1;2;3;4\n", 0);
    assert_int_equal(csv_separator(r), ',');
    expect_record(r, 1, "a", "b;c", NULL);
    csv_close(r);
}

static void test_semicolon_detected(void **state)
{
    struct csv_reader *r;
    (void)state;
    r = open_str("navn;beløb\nAarhus;1,5\n", 0);
    assert_int_equal(csv_separator(r), ';');
    expect_record(r, 1, "navn", "beløb", NULL);
    expect_record(r, 2, "Aarhus", "1,5", NULL);
    expect_end(r);
    csv_close(r);

    /* separators inside quotes do not count */
    r = open_str("\"a,b,c\";d;e\n", 0);
    assert_int_equal(csv_separator(r), ';');
    expect_record(r, 1, "a,b,c", "d", "e", NULL);
    csv_close(r);
}

static void test_separator_given(void **state)
{
    struct csv_reader *r;
    struct kl_error err;
    (void)state;
    r = open_str("a;b;c\n", ',');
    assert_int_equal(csv_separator(r), ',');
    expect_record(r, 1, "a;b;c", NULL);
    csv_close(r);

    r = open_str("a,b,c;d\n", ';');
    expect_record(r, 1, "a,b,c", "d", NULL);
    csv_close(r);

    kl_error_clear(&err);
    assert_null(csv_open_mem("a\tb\n", 4, '\t', 0, &err));
    assert_int_equal(err.code, KL_EINVAL);
    assert_string_equal(err.msg, "the separator must be ',' or ';'");
}

static void test_utf8_bom(void **state)
{
    struct csv_reader *r;
    (void)state;
    r = open_str("\xEF\xBB\xBFkommunekode;navn\r\n751;Aarhus\r\n", 0);
    assert_int_equal(csv_encoding(r), CSV_ENC_UTF8_BOM);
    assert_int_equal(csv_separator(r), ';');
    expect_record(r, 1, "kommunekode", "navn", NULL);
    expect_record(r, 2, "751", "Aarhus", NULL);
    expect_end(r);
    csv_close(r);
}

static void test_cp1252_converted(void **state)
{
    struct csv_reader *r;
    (void)state;
    r = open_str("navn;by\r\nS\xF8ren \xC6" "blegaard;K\xF8ge\r\n"
                 "\xE6\xF8\xE5;\xC6\xD8\xC5\r\n\x80 \x96 \x93x\x94;\xE9\r\n",
                 0);
    assert_int_equal(csv_encoding(r), CSV_ENC_CP1252);
    expect_record(r, 1, "navn", "by", NULL);
    expect_record(r, 2, "Søren Æblegaard", "Køge", NULL);
    expect_record(r, 3, "æøå", "ÆØÅ", NULL);
    expect_record(r, 4, "€ – “x”", "é", NULL);
    expect_end(r);
    csv_close(r);

    /* valid UTF-8 stays as it is */
    r = open_str("æøå,ÆØÅ\n", 0);
    assert_int_equal(csv_encoding(r), CSV_ENC_UTF8);
    expect_record(r, 1, "æøå", "ÆØÅ", NULL);
    csv_close(r);
}

static void test_bad_encoding(void **state)
{
    struct kl_error err;
    static const char bom_cp1252[] = "\xEF\xBB\xBF" "a,b\n\xE6,1\n";
    static const char undefined[] = "a,b\n1,2\nx\x81y,1\n";
    (void)state;
    /* a byte-order mark promises UTF-8: Windows-1252 bytes after it are an error */
    kl_error_clear(&err);
    assert_null(csv_open_mem(bom_cp1252, sizeof(bom_cp1252) - 1, 0, 0, &err));
    assert_int_equal(err.code, KL_EINVAL);
    assert_string_equal(err.msg, "line 2: byte 0xE6 is neither UTF-8 nor Windows-1252 text");

    kl_error_clear(&err);
    assert_null(csv_open_mem(undefined, sizeof(undefined) - 1, 0, 0, &err));
    assert_int_equal(err.code, KL_EINVAL);
    assert_string_equal(err.msg, "line 3: byte 0x81 is neither UTF-8 nor Windows-1252 text");
}

static void test_quoted_fields(void **state)
{
    struct csv_reader *r;
    (void)state;
    r = open_str("titel,beskrivelse,tom\n"
                 "\"Indsats 1b\",\"Ældre, medicinske patienter\",\"\"\n"
                 "\"Citat\",\"Han sagde \"\"ja\"\"\",\"\"\"\"\n"
                 "\"a;b\",\"\",x\n",
                 0);
    assert_int_equal(csv_separator(r), ',');
    expect_record(r, 1, "titel", "beskrivelse", "tom", NULL);
    expect_record(r, 2, "Indsats 1b", "Ældre, medicinske patienter", "", NULL);
    expect_record(r, 3, "Citat", "Han sagde \"ja\"", "\"", NULL);
    expect_record(r, 4, "a;b", "", "x", NULL);
    expect_end(r);
    csv_close(r);
}

static void test_embedded_newlines_keep_start_line(void **state)
{
    struct csv_reader *r;
    (void)state;
    r = open_str("a,b\n\"første\nanden\ntredje\",x\nnæste,y\n\"\n\",z\n", 0);
    expect_record(r, 1, "a", "b", NULL);
    expect_record(r, 2, "første\nanden\ntredje", "x", NULL);
    expect_record(r, 5, "næste", "y", NULL);
    expect_record(r, 6, "\n", "z", NULL);
    expect_end(r);
    csv_close(r);
}

static void test_crlf(void **state)
{
    struct csv_reader *r;
    (void)state;
    r = open_str("a,b\r\n1,2\r\n\"x\r\ny\",3\r\n4,\r\n", 0);
    expect_record(r, 1, "a", "b", NULL);
    expect_record(r, 2, "1", "2", NULL);
    /* a line end inside quotes is kept as written */
    expect_record(r, 3, "x\r\ny", "3", NULL);
    expect_record(r, 5, "4", "", NULL);
    expect_end(r);
    csv_close(r);
}

static void test_blank_lines_skipped(void **state)
{
    struct csv_reader *r;
    (void)state;
    /* the separator comes from the header line, not from the blank lines before it */
    r = open_str("\n\na;b\n\n\r\n1;2\n\n", 0);
    assert_int_equal(csv_separator(r), ';');
    expect_record(r, 3, "a", "b", NULL);
    expect_record(r, 6, "1", "2", NULL);
    expect_end(r);
    csv_close(r);
}

static void test_empty_fields_and_last_line(void **state)
{
    struct csv_reader *r;
    (void)state;
    r = open_str("a,,b\n,\n x \nlast,line", 0);
    expect_record(r, 1, "a", "", "b", NULL);
    expect_record(r, 2, "", "", NULL);
    expect_record(r, 3, " x ", NULL);
    expect_record(r, 4, "last", "line", NULL);
    expect_end(r);
    csv_close(r);

    r = open_n("", 0, 0);
    assert_int_equal(csv_separator(r), ',');
    expect_end(r);
    csv_close(r);
}

static void test_header_index(void **state)
{
    struct csv_reader *r;
    struct csv_record h;
    struct kl_error err;
    (void)state;
    r = open_str(" Kommunekode ;NAVN;  region;navn;\"\"\n", 0);
    kl_error_clear(&err);
    assert_int_equal(csv_next(r, &h, &err), 1);
    assert_int_equal(csv_header_index(&h, "kommunekode"), 0);
    assert_int_equal(csv_header_index(&h, "KOMMUNEKODE"), 0);
    assert_int_equal(csv_header_index(&h, "navn"), 1); /* the first of two */
    assert_int_equal(csv_header_index(&h, "Region"), 2);
    assert_int_equal(csv_header_index(&h, ""), 4);
    assert_int_equal(csv_header_index(&h, "kommune"), -1);
    assert_int_equal(csv_header_index(&h, "kommunekoder"), -1);
    assert_int_equal(csv_header_index(&h, "regio"), -1);
    csv_close(r);
}

static void test_unterminated_quote(void **state)
{
    static const char s1[] = "a,b\n1,\"abc\n\nmore";
    static const char s2[] = "\"";
    (void)state;
    /* the line is where the quoted field starts */
    expect_error(s1, sizeof(s1) - 1, "line 2, column 2: unterminated quoted field");
    expect_error(s2, sizeof(s2) - 1, "line 1, column 1: unterminated quoted field");
}

static void test_quote_inside_unquoted_field(void **state)
{
    static const char s1[] = "a,b\n1,x\"y\"\n";
    static const char s2[] = "a;b;c\n1;2; \"3\"\n";
    (void)state;
    expect_error(s1, sizeof(s1) - 1,
                 "line 2, column 2: quote character inside an unquoted field");
    expect_error(s2, sizeof(s2) - 1,
                 "line 2, column 3: quote character inside an unquoted field");
}

static void test_text_after_closing_quote(void **state)
{
    static const char s1[] = "a,b\n\"x\"y,1\n";
    static const char s2[] = "a,b\n1,\"x\ny\" \n";
    (void)state;
    expect_error(s1, sizeof(s1) - 1, "line 2, column 1: text after a closing quote");
    /* the line is where the closing quote is */
    expect_error(s2, sizeof(s2) - 1, "line 3, column 2: text after a closing quote");
}

static void test_nul_byte(void **state)
{
    static const char s1[] = "a,b\n1,x\0y\n";
    static const char s2[] = "a,b,c\n1,2,\"x\ny\0\"\n";
    (void)state;
    expect_error(s1, sizeof(s1) - 1, "line 2, column 2: NUL byte in the input");
    expect_error(s2, sizeof(s2) - 1, "line 3, column 3: NUL byte in the input");
}

static void test_field_and_record_limits(void **state)
{
    char *data;
    size_t len;
    struct csv_reader *r;
    struct csv_record rec;
    struct kl_error err;
    (void)state;

    /* 1024 fields are fine, 1025 are not */
    data = malloc(2 * 1025 + 1);
    assert_non_null(data);
    for (size_t i = 0; i < 1024; i++) {
        data[2 * i] = 'x';
        data[2 * i + 1] = ',';
    }
    data[2 * 1024 - 1] = '\n';
    len = 2 * 1024;
    r = open_n(data, len, ',');
    kl_error_clear(&err);
    assert_int_equal(csv_next(r, &rec, &err), 1);
    assert_int_equal(rec.nfields, 1024);
    csv_close(r);
    data[2 * 1024 - 1] = ',';
    data[2 * 1024] = 'x';
    len = 2 * 1024 + 1;
    expect_error(data, len, "line 1, column 1025: more than 1024 fields in a record");
    free(data);

    /* a field of 1 MiB is fine, one byte more is not (quoted or not) */
    len = ((size_t)1 << 20) + 8;
    data = malloc(len);
    assert_non_null(data);
    memcpy(data, "a\nb,", 4);
    memset(data + 4, 'y', len - 4);
    r = open_n(data, 4 + ((size_t)1 << 20), ',');
    expect_record(r, 1, "a", NULL);
    kl_error_clear(&err);
    assert_int_equal(csv_next(r, &rec, &err), 1);
    assert_int_equal(strlen(rec.fields[1]), (size_t)1 << 20);
    csv_close(r);
    expect_error(data, 5 + ((size_t)1 << 20), "line 2, column 2: field longer than 1 MiB");
    data[4] = '"';
    expect_error(data, len, "line 2, column 2: field longer than 1 MiB");
    free(data);
}

static void test_large_record_within_limits(void **state)
{
    /* 65 fields of 1 MiB: over 64 MiB in one record, but within the field limits */
    size_t nf = 65, fl = (size_t)1 << 20, n = nf * (fl + 1);
    char *s = malloc(n);
    struct csv_reader *r;
    struct csv_record rec;
    struct kl_error err;
    (void)state;
    assert_non_null(s);
    memset(s, 'z', n);
    for (size_t i = 1; i <= nf; i++)
        s[i * (fl + 1) - 1] = i == nf ? '\n' : ';';
    r = open_n(s, n, 0);
    free(s);
    assert_int_equal(csv_separator(r), ';');
    kl_error_clear(&err);
    assert_int_equal(csv_next(r, &rec, &err), 1);
    assert_int_equal(rec.nfields, nf);
    assert_int_equal(strlen(rec.fields[nf - 1]), fl);
    expect_end(r);
    csv_close(r);
}

static void test_large_input_without_cap(void **state)
{
    /* 34 MiB of Windows-1252 that become 68 MiB of UTF-8: more than a buffer's default cap
     * of 64 MiB, which the reader must not inherit */
    size_t n = ((size_t)34 << 20), lines = 0;
    char *s = malloc(n);
    struct csv_reader *r;
    struct csv_record rec;
    struct kl_error err;
    int got;
    (void)state;
    assert_non_null(s);
    for (size_t i = 0; i < n; i++)
        s[i] = i % 64 == 63 ? '\n' : i % 64 == 10 ? ',' : '\xE6';
    r = open_n(s, n, 0);
    free(s);
    assert_int_equal(csv_encoding(r), CSV_ENC_CP1252);
    kl_error_clear(&err);
    while ((got = csv_next(r, &rec, &err)) == 1) {
        lines++;
        if (lines == 1) {
            assert_int_equal(rec.nfields, 2);
            assert_string_equal(rec.fields[0], "ææææææææææ");
            assert_int_equal(strlen(rec.fields[1]), 2 * 52);
        }
    }
    assert_int_equal(got, 0);
    assert_int_equal(lines, n / 64);
    csv_close(r);
}

static void test_max_bytes(void **state)
{
    struct kl_error err;
    struct csv_reader *r;
    (void)state;
    kl_error_clear(&err);
    assert_null(csv_open_mem("a,b\n1,2\n", 8, 0, 7, &err));
    assert_int_equal(err.code, KL_EINVAL);
    assert_string_equal(err.msg, "the file is larger than 7 bytes");
    r = csv_open_mem("a,b\n1,2\n", 8, 0, 8, &err);
    assert_non_null(r);
    expect_record(r, 1, "a", "b", NULL);
    csv_close(r);
}

static void test_open_file(void **state)
{
    char dir[] = "/tmp/klynge-csv-XXXXXX";
    char path[64], missing[64];
    struct kl_error err;
    struct csv_reader *r;
    FILE *f;
    (void)state;
    assert_non_null(mkdtemp(dir));
    snprintf(path, sizeof(path), "%s/kommuner.csv", dir);
    snprintf(missing, sizeof(missing), "%s/findes-ikke.csv", dir);

    kl_error_clear(&err);
    assert_null(csv_open_file(missing, 0, 0, &err));
    assert_int_equal(err.code, KL_EIO);
    {
        char want[128];
        snprintf(want, sizeof(want), "%s: No such file or directory", missing);
        assert_string_equal(err.msg, want);
    }

    f = fopen(path, "wb");
    assert_non_null(f);
    fputs("\xEF\xBB\xBFkode;navn\r\n751;Aarhus\r\n", f);
    fclose(f);
    r = csv_open_file(path, 0, 0, &err);
    assert_non_null(r);
    assert_int_equal(csv_encoding(r), CSV_ENC_UTF8_BOM);
    expect_record(r, 1, "kode", "navn", NULL);
    expect_record(r, 2, "751", "Aarhus", NULL);
    expect_end(r);
    csv_close(r);

    kl_error_clear(&err);
    assert_null(csv_open_file(path, 0, 10, &err));
    assert_int_equal(err.code, KL_EINVAL);
    {
        char want[128];
        snprintf(want, sizeof(want), "%s: larger than 10 bytes", path);
        assert_string_equal(err.msg, want);
    }

    f = fopen(path, "wb");
    assert_non_null(f);
    fputs("\xEF\xBB\xBF" "a\n\xF8\n", f);
    fclose(f);
    kl_error_clear(&err);
    assert_null(csv_open_file(path, 0, 0, &err));
    assert_int_equal(err.code, KL_EINVAL);
    {
        char want[160];
        snprintf(want, sizeof(want),
                 "%s: line 2: byte 0xF8 is neither UTF-8 nor Windows-1252 text", path);
        assert_string_equal(err.msg, want);
    }

    unlink(path);
    rmdir(dir);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_comma_detected),
        cmocka_unit_test(test_semicolon_detected),
        cmocka_unit_test(test_separator_given),
        cmocka_unit_test(test_utf8_bom),
        cmocka_unit_test(test_cp1252_converted),
        cmocka_unit_test(test_bad_encoding),
        cmocka_unit_test(test_quoted_fields),
        cmocka_unit_test(test_embedded_newlines_keep_start_line),
        cmocka_unit_test(test_crlf),
        cmocka_unit_test(test_blank_lines_skipped),
        cmocka_unit_test(test_empty_fields_and_last_line),
        cmocka_unit_test(test_header_index),
        cmocka_unit_test(test_unterminated_quote),
        cmocka_unit_test(test_quote_inside_unquoted_field),
        cmocka_unit_test(test_text_after_closing_quote),
        cmocka_unit_test(test_nul_byte),
        cmocka_unit_test(test_field_and_record_limits),
        cmocka_unit_test(test_large_record_within_limits),
        cmocka_unit_test(test_large_input_without_cap),
        cmocka_unit_test(test_max_bytes),
        cmocka_unit_test(test_open_file),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
