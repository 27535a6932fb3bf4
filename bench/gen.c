/* gen.c - a deterministic generator of admissions extracts for the engine's tests and
 * benchmark: N admissions of fictional persons in the 98 municipalities, 2018-2024, sorted by
 * admit date like a real extract, with the shapes that matter for the indicators (persons with
 * one admission and with hundreds, same-day stays, stays over a new year, readmissions within
 * and after 30 days, overlapping stays, several admissions of a person on one day), and the
 * matching population file (pop65 per municipality and year, 2018-2025).
 *
 * usage: gen [--profile normal|edge] [--seed S] N ADMISSIONS.csv POPULATION.csv
 * The same arguments always give the same bytes. */
#include <inttypes.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const int munis[] = {
    101, 147, 151, 153, 155, 157, 159, 161, 163, 165, 167, 169, 173, 175, 183, 185, 187, 190,
    201, 210, 217, 219, 223, 230, 240, 250, 253, 259, 260, 265, 269, 270, 306, 316, 320, 326,
    329, 330, 336, 340, 350, 360, 370, 376, 390, 400, 410, 420, 430, 440, 450, 461, 479, 480,
    482, 492, 510, 530, 540, 550, 561, 563, 573, 575, 580, 607, 615, 621, 630, 657, 661, 665,
    671, 706, 707, 710, 727, 730, 740, 741, 746, 751, 756, 760, 766, 773, 779, 787, 791, 810,
    813, 820, 825, 840, 846, 849, 851, 860};
#define NMUNI (sizeof(munis) / sizeof(munis[0]))

/* Preventable codes first (PREV of them), then others. */
static const char *const diags[] = {
    "DJ189", "DJ159", "DJ209", "DE869", "DN390", "DN300", "DS720", "DS525", "DK590", "DA099",
    "DD509", "DZ740", "DL899", "DT142", "dj181",
    "DI219", "DI500", "DC349", "DK359", "DO800", "DZ038", "DR074", "DM179", "DG459", "DF329",
    "DI639", "DJ441", "DE119", "DK802", "DN179", "DR531", "DS000", "DZ501", "DI480", "DJ40",
    "DS7", ""};
#define PREV 15
#define NDIAG (sizeof(diags) / sizeof(diags[0]))

static const char *const specialties[] = {"intern medicin", "kirurgi", "geriatri", "ortopædi",
                                          "kardiologi", "\"akut, modtagelse\""};
static const char *const hospitals[] = {"7005", "1301", "6620", "4202", "8001", "3800"};

static uint64_t rng_state;

static uint64_t rnd(void)
{
    uint64_t z = (rng_state += 0x9e3779b97f4a7c15ull);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
    return z ^ (z >> 31);
}

/* Uniform in [0, n). */
static uint32_t below(uint32_t n)
{
    return (uint32_t)((rnd() >> 32) * n >> 32);
}

/* True with probability p percent (tenths: p in 0..1000). */
static int chance(uint32_t permille)
{
    return below(1000) < permille;
}

struct adm {
    uint32_t person;
    int16_t admit;    /* days since 2018-01-01 */
    uint16_t los;
    uint16_t birth;
    uint8_t muni, acute, diag, spec, hosp, sex;
};

struct profile {
    uint32_t tie, sameday, overlap, soon, heavy, one;
};

static int32_t days_from_civil(int y, int m, int d)
{
    y -= m <= 2;
    int era = (y >= 0 ? y : y - 399) / 400;
    unsigned yoe = (unsigned)(y - era * 400);
    unsigned doy = (unsigned)((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1);
    unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + (int32_t)doe - 719468;
}

static void civil(int32_t z, int *y, int *m, int *d)
{
    z += 719468;
    int era = (z >= 0 ? z : z - 146096) / 146097;
    unsigned doe = (unsigned)(z - era * 146097);
    unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    int yy = (int)yoe + era * 400;
    unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    unsigned mp = (5 * doy + 2) / 153;
    *d = (int)(doy - (153 * mp + 2) / 5 + 1);
    *m = (int)(mp < 10 ? mp + 3 : mp - 9);
    *y = yy + (*m <= 2);
}

static int cmp_admit(const void *a, const void *b)
{
    const struct adm *x = a, *y = b;
    return x->admit < y->admit ? -1 : x->admit > y->admit;
}

int main(int argc, char **argv)
{
    struct profile normal = {30, 200, 30, 250, 3, 400};
    struct profile edge = {300, 500, 150, 450, 50, 300};
    struct profile pr = normal;
    uint64_t seed = 1;
    int i = 1;
    uint64_t n;
    struct adm *a;
    size_t k = 0;
    uint32_t person = 0;
    const int32_t span = days_from_civil(2024, 12, 31) - days_from_civil(2018, 1, 1) + 1;
    const int32_t base = days_from_civil(2018, 1, 1);
    FILE *out, *pop;

    while (i < argc && strncmp(argv[i], "--", 2) == 0) {
        if (strcmp(argv[i], "--profile") == 0 && i + 1 < argc) {
            pr = strcmp(argv[i + 1], "edge") == 0 ? edge : normal;
            i += 2;
        } else if (strcmp(argv[i], "--seed") == 0 && i + 1 < argc) {
            seed = strtoull(argv[i + 1], NULL, 10);
            i += 2;
        } else {
            break;
        }
    }
    if (argc - i != 3) {
        fprintf(stderr, "usage: gen [--profile normal|edge] [--seed S] N ADMISSIONS.csv "
                        "POPULATION.csv\n");
        return 2;
    }
    n = strtoull(argv[i], NULL, 10);
    rng_state = seed * 0x2545f4914f6cdd1dull + 7;
    a = malloc((n ? n : 1) * sizeof(*a));
    if (!a) {
        fprintf(stderr, "gen: out of memory\n");
        return 1;
    }
    while (k < n) {
        /* a person: how many admissions, who, where */
        uint32_t want, r = below(1000);
        uint16_t birth = (uint16_t)(1915 + below(100));
        uint8_t muni = (uint8_t)below(NMUNI), sex = (uint8_t)below(2);
        int32_t day = (int32_t)below((uint32_t)span);
        person++;
        if (r < pr.one)
            want = 1;
        else if (r < 1000 - pr.heavy - 100)
            want = 2 + below(6);
        else if (r < 1000 - pr.heavy)
            want = 8 + below(40);
        else
            want = 100 + below(250);
        for (uint32_t j = 0; j < want && k < n; j++) {
            struct adm *x = &a[k];
            uint32_t l = below(100);
            x->person = person;
            x->birth = birth;
            x->muni = chance(20) ? (uint8_t)below(NMUNI) : muni; /* some move */
            x->sex = sex;
            x->acute = (uint8_t)chance(650);
            x->diag = (uint8_t)(chance(180) ? below(PREV) : PREV + below(NDIAG - PREV));
            x->spec = (uint8_t)below(sizeof(specialties) / sizeof(specialties[0]));
            x->hosp = (uint8_t)below(sizeof(hospitals) / sizeof(hospitals[0]));
            x->los = (uint16_t)(chance(pr.sameday) ? 0 : l < 60 ? 1 + below(5)
                                                       : l < 95 ? 6 + below(15)
                                                                : 21 + below(100));
            if (day >= span)
                break;
            x->admit = (int16_t)day;
            k++;
            /* the next admission of this person */
            if (chance(pr.tie))
                day = x->admit;                                   /* same admit date */
            else if (chance(pr.overlap))
                day = x->admit + (int32_t)below((uint32_t)x->los + 1); /* overlapping */
            else if (chance(pr.soon))
                day = x->admit + x->los + (int32_t)below(31);     /* 0-30 days after */
            else
                day = x->admit + x->los + 31 + (int32_t)below(400);
        }
    }
    n = k;
    qsort(a, n, sizeof(*a), cmp_admit);
    out = fopen(argv[i + 1], "w");
    pop = fopen(argv[i + 2], "w");
    if (!out || !pop) {
        fprintf(stderr, "gen: cannot write the output files\n");
        return 1;
    }
    setvbuf(out, NULL, _IOFBF, 1 << 20);
    fputs("admission_id,person_id,municipality_code,birth_year,sex,admit_date,discharge_date,"
          "acute,department_specialty,primary_diagnosis,hospital_code\n",
          out);
    for (uint64_t r = 0; r < n; r++) {
        const struct adm *x = &a[r];
        int y1, m1, d1, y2, m2, d2;
        /* unique ids in scrambled order: an odd multiplier is a bijection mod 2^32 */
        uint64_t id = 1000000000ull + (uint32_t)((uint32_t)r * 2654435761u);
        civil(base + x->admit, &y1, &m1, &d1);
        civil(base + x->admit + x->los, &y2, &m2, &d2);
        fprintf(out, "%" PRIu64 ",%u,%d,%u,%c,%04d-%02d-%02d,%04d-%02d-%02d,%u,%s,%s,%s\n", id,
                x->person, munis[x->muni], x->birth, x->sex ? 'K' : 'M', y1, m1, d1, y2, m2,
                d2, x->acute, specialties[x->spec], diags[x->diag], hospitals[x->hosp]);
    }
    fputs("municipality_code,year,pop65\n", pop);
    for (size_t m = 0; m < NMUNI; m++)
        for (int y = 2018; y <= 2025; y++)
            fprintf(pop, "%d,%d,%u\n", munis[m], y, m % 17 == 5 && y == 2019 ? 0u
                                                                              : 800 + below(90000));
    if (fclose(out) != 0 || fclose(pop) != 0) {
        fprintf(stderr, "gen: write failed\n");
        return 1;
    }
    free(a);
    return 0;
}
