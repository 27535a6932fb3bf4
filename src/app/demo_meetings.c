/* demo_meetings.c - a year of meetings for `klynge init --demo`: for Chefforum – Klynge MIDT
 * (in the style of seed 002) and Klyngestyregruppe – Gødstrupklyngen (seed 001) a year plan
 * with pre-meetings (last year's too early in the year, next year's late in it); the
 * meetings that have taken place with published agendas (one late, with its reason),
 * absences and substitutes, decisions, follow-ups, one matter brought back to the next
 * meeting, a referral up to the Direktørforum that it answered (and an order down to a
 * focus group), published minutes approved at the next meeting; the next meeting with an
 * agenda draft. Everything goes through the use cases, which check and audit it; all
 * people and content are fictional. */
#include "app/demo.h"
#include "app/meeting.h"
#include "app/meeting_agenda.h"
#include "app/meeting_followup.h"
#include "app/meeting_minutes.h"
#include "app/organisation.h"
#include "core/arena.h"
#include "core/date.h"
#include "core/error.h"
#include "model/fields.h"
#include "model/forum.h"
#include "model/org.h"
#include "model/people.h"

#include <string.h>
#include <time.h>

#define DAY 86400

/* What happens to an item besides its decision. */
enum special { SP_NONE, SP_FOLLOWUP, SP_BRING_BACK, SP_REFER_UP, SP_REFER_DOWN };

struct demo_item {
    const char *title;
    unsigned rooms;
    const char *recommendation;
    const char *case_text;
    const char *presenter;
    int written, closed;
    const char *decision;
    enum item_outcome outcome;
};

struct demo_plan {
    const char *cluster, *forum, *place;
    int months[6], anchor, weekday, start_minute, minutes;
    const struct demo_item *items;
    int schedule[6][3];                /* item index + 1 (0: none) per past meeting */
    enum special specials[6][3];
    int upcoming[2];                   /* the next meeting's draft items */
    const char *refer_to;              /* a forum of the cluster for SP_REFER_DOWN */
    const char *refer_note, *refer_answer;
    const char *followup_what;
};

#define R_I ROOM_INFORMING
#define R_U ROOM_DEVELOPING
#define R_F ROOM_NEGOTIATING
#define R_B ROOM_DECIDING

static const struct demo_item midt_items[] = {
    {"Brug af data i klyngesamarbejdet", R_I | R_U,
     "At Chefforum drøfter, hvilke data der skal bruges i klyngesamarbejdet\n"
     "At Chefforum drøfter, hvordan data skal præsenteres på møderne",
     "Arbejdet i klyngen skal være **datadrevet**, og der er mange forskellige data "
     "tilgængelige. Det er derfor nødvendigt at drøfte, hvilke data der skal bruges, og "
     "hvordan vi samarbejder bedst om dem.\n\n"
     "Der lægges op til en drøftelse af:\n\n"
     "- Ønskes der faste datarapporter til møderne i de administrative fora?\n"
     "- Ønskes det, at man selv kan klikke rundt i data, eller et mere fast format?\n\n"
     "Beslutningerne fungerer som en fælles forståelse i det videre arbejde i klyngen.\n",
     "Sekretariatet", 0, 0,
     "Chefforum ønsker en fast datapakke til hvert møde med de indikatorer, klyngen følger. "
     "Sekretariatet udarbejder et forslag.", OUTCOME_NOTED},
    {"Handleplan, status for indsatserne", R_I | R_B,
     "At Chefforum drøfter de indkomne statusopgørelser fra indsatsgrupperne\n"
     "At Chefforum godkender, at indsats 10 udgår",
     "Indsatsgrupperne er bedt om at afgrænse deres indsats og angive:\n\n"
     "1. hvilke data de vil gøre brug af,\n"
     "2. tidsplan og milepæle,\n"
     "3. hvordan de disponerede klyngemidler tænkes anvendt, og\n"
     "4. brugerinddragelse.\n\n"
     "Generelt er indsatsgrupperne godt på vej. Indsats 3, 4 og 10 har fået forlænget "
     "fristen for indsendelse af status.\n\n*Bilag: statusskema*\n",
     "Formandskabet", 0, 0,
     "Status blev gennemgået. Det er positivt, at det fremgår af status, om der er "
     "brugerinddragelse. Indsats 10 udgår grundet kapacitetsudfordringer.",
     OUTCOME_APPROVED_WITH_CHANGES},
    {"Dagsordenspunkter til Direktørforum", R_F | R_B,
     "At Chefforum drøfter punkterne til dagsordenen for Direktørforum\n"
     "At Chefforum sender handleplanens finansieringsmodel til beslutning i Direktørforum",
     "De punkter, der præsenteres her, er dem, der er i pipelinen på udgivelsestidspunktet "
     "– der vil som oftest komme flere til op mod mødet i Direktørforum.\n\n"
     "1. Handleplan: økonomi, status og håndtering af variation, herunder finansieringsmodel\n"
     "2. Tilgængelighedsanalysen og anvendelsen af de resterende klyngemidler\n"
     "3. Benchmarkanalysen – klyngeperspektiv\n",
     "Sekretariatet", 0, 0,
     "Punkterne blev drøftet. Finansieringsmodellen sendes til beslutning i Direktørforum.",
     OUTCOME_APPROVED},
    {"Hvordan holder vi klyngearbejdet politisk aktuelt?", R_U,
     "At Chefforum drøfter, hvordan klyngearbejdet holdes politisk aktuelt\n"
     "At Chefforum drøfter temaet for det kommende politiske møde",
     "Klyngen står over for et skifte i fokus, nu hvor handleplanen er vedtaget og "
     "klyngemidlerne er udmøntet. En række større tiltag kan være relevante at drøfte på "
     "politisk niveau:\n\n"
     "- Ny sundhedsaftale og udmøntningen heraf\n"
     "- 10-årsplan for psykiatrien\n"
     "- Kvalitetsstandarder for de kommunale akutfunktioner\n\n"
     "De politiske møder tager udgangspunkt i et tema med mulighed for et "
     "virksomhedsbesøg.\n",
     "Medformand", 0, 0,
     "Der var opbakning til listen. Temaet for det kommende politiske møde fastlægges, når "
     "Robusthedskommissionens rapport foreligger.", OUTCOME_NOTED},
    {"Sammenhæng mellem driftsfora og organisering", R_U | R_F,
     "At Chefforum drøfter udkast til opdaterede kommissorier for driftsforaene\n"
     "At formandskabet udarbejder et forslag til revideret organisering",
     "Driftsforaene er etableret og rammesat i den tidligere klyngestruktur, og "
     "kommissorierne skal opdateres i forhold til den nye lovgivning. Samtidig ønsker "
     "Chefforum en stærk sammenhæng mellem Direktørforum, Chefforum og driftsforaene – både "
     "oppefra og ned og nedefra og op.\n\n*Bilag: udkast til ny fællestekst i "
     "kommissorier*\n",
     "Formandskabet", 0, 0,
     "Formandskabet udarbejder et forslag til revideret organisering på baggrund af "
     "drøftelsen. Revisionen skal være administrativt arbejdskraftbesparende.",
     OUTCOME_APPROVED_WITH_CHANGES},
    {"Orientering fra driftsforaene", R_I,
     "At Chefforum tager den skriftlige orientering til efterretning",
     "Driftsforum voksen somatik, Driftsforum voksen psykiatri og Driftsforum børn og unge "
     "somatik har sendt en kort status på deres arbejde siden sidste møde.\n",
     "", 1, 0, "Orienteringen blev taget til efterretning.", OUTCOME_NOTED},
    {"Fordeling af ubrugte klyngemidler", R_F | R_B,
     "At Chefforum drøfter fordelingen af ubrugte klyngemidler",
     "Punktet behandles lukket, da det indeholder oplysninger om igangværende forhandlinger "
     "med leverandører.\n",
     "Sekretariatet", 0, 1,
     "Sekretariatet indhenter tilbud og forelægger en samlet indstilling.", OUTCOME_NOTED},
};

static const struct demo_item vest_items[] = {
    {"Hjerterehabilitering", R_I | R_U,
     "At Klyngestyregruppen orienteres om status for hjerterehabilitering\n"
     "At Klyngestyregruppen godkender, at alle borgere i hjerterehabiliteringsforløb "
     "fremover modtager rehabilitering i kommunalt regi",
     "Tillægsaftalen til forløbsprogrammet for hjertesygdom betyder, at borgere med "
     "nytilkommen hjertesygdom tilbydes rehabilitering fase 2 i kommunalt regi. "
     "Implementeringen er vellykket, og samarbejdet mellem kommune og hospital beskrives "
     "som meget velfungerende.\n\n"
     "Den faglige arbejdsgruppe anbefaler, at den resterende lille gruppe borgere fremover "
     "modtager rehabilitering i kommunalt regi.\n",
     "Den faglige arbejdsgruppe", 0, 0,
     "Indstillingerne er godkendt. Arbejdsgruppen beskriver den fremtidige arbejdsgang; "
     "formandskabet har mandat til at godkende oplægget.", OUTCOME_APPROVED},
    {"Implementering af X:it", R_I | R_U,
     "At Klyngestyregruppen drøfter implementeringen af X:it i klyngens kommuner",
     "X:it er en indsats for røgfri skoler med tre elementer:\n\n"
     "1. **Røgfri skoletid** for elever, ansatte og besøgende\n"
     "2. **Røgfri aftaler** mellem elever og forældre\n"
     "3. **Undervisning** om rygning\n",
     "Fokusgruppe Sundhed for børn og unge", 0, 0,
     "Drøftet. Kommunerne melder tilbage, hvor langt de er med implementeringen.",
     OUTCOME_NOTED},
    {"Nærhedsfinansiering – skriftlig orientering", R_I,
     "At Klyngestyregruppen tager den skriftlige orientering til efterretning",
     "Nærhedsfinansieringen indeholder følgende kriterier:\n\n"
     "- Reduktion i antal sygehusforløb\n"
     "- Reduktion i sygehusaktivitet pr. kroniker (KOL og diabetes)\n"
     "- Reduktion i andelen af akutte genindlæggelser inden for 30 dage\n"
     "- Stigning i andelen af virtuelle sygehusforløb\n",
     "", 1, 0, "Orienteringen blev taget til efterretning.", OUTCOME_NOTED},
    {"Rekruttering og uddannelse af sundhedsfagligt personale", R_U | R_F,
     "At Klyngestyregruppen drøfter fælles initiativer til rekruttering\n"
     "At Fokusgruppe Sundhed for voksne får til opgave at beskrive et fælles "
     "introduktionsforløb",
     "Både hospital og kommuner oplever, at det er svært at rekruttere sundhedsfagligt "
     "personale – jo længere mod nordvest, jo sværere. Der lægges op til at se på fælles "
     "introduktionsforløb på tværs af sektorerne.\n",
     "Formandskabet", 0, 0,
     "Fokusgruppe Sundhed for voksne bestilles til at beskrive et fælles "
     "introduktionsforløb.", OUTCOME_APPROVED},
    {"Evaluering af samarbejdet i klyngen", R_U,
     "At Klyngestyregruppen drøfter evalueringen af samarbejdet i klyngen",
     "Evalueringen ser på repræsentation og beslutningskompetence, sekretariatsbetjening af "
     "fokusgrupperne og samarbejdet mellem Klyngestyregruppen og fokusgrupperne.\n",
     "Sekretariatet", 0, 0,
     "Evalueringen blev drøftet, og anbefalingerne blev godkendt.", OUTCOME_APPROVED},
    {"Datadrevet psykiatri", R_I,
     "At Klyngestyregruppen orienteres om projektet Datadrevet psykiatri",
     "Projektet samler data om fælles patienter i psykiatrien og kommunerne, så "
     "indsatsen kan målrettes.\n",
     "Regionspsykiatrien", 0, 0,
     "Orienteringen blev taget til efterretning. Regionspsykiatrien vender tilbage med de "
     "første resultater.", OUTCOME_NOTED},
};

static const struct demo_plan plans[] = {
    {"RN-MIDT", "Chefforum – Klynge MIDT", "Mødelokale K, Regionshuset",
     {2, 4, 6, 8, 10, 12}, 10, 2, 13 * 60, 180, midt_items,
     {{1, 5, 6}, {2, 4, 7}, {3, 6, 0}, {1, 5, 0}, {2, 4, 6}, {3, 7, 0}},
     {{SP_FOLLOWUP, 0, 0}, {SP_BRING_BACK, 0, 0}, {SP_REFER_UP, 0, 0}},
     {1, 3}, NULL,
     "Chefforum indstiller, at Direktørforum godkender finansieringsmodellen for "
     "handleplanens indsatser.",
     "Direktørforum godkendte finansieringsmodellen med den præcisering, at ubrugte "
     "klyngemidler overføres til næste år.",
     "Forslag til en fast datapakke til Chefforums møder"},
    {"RM-VEST", "Klyngestyregruppe – Gødstrupklyngen", "Regionshospitalet Gødstrup, mødelokale 3",
     {2, 3, 5, 6, 9, 11}, 8, 3, 12 * 60 + 30, 210, vest_items,
     {{1, 3, 0}, {5, 2, 0}, {4, 6, 0}, {2, 3, 0}, {6, 1, 0}, {4, 5, 0}},
     {{0, 0, 0}, {SP_BRING_BACK, 0, 0}, {SP_REFER_DOWN, SP_FOLLOWUP, 0}},
     {2, 4}, "Fokusgruppe Sundhed for voksne – Gødstrupklyngen",
     "Klyngestyregruppen bestiller et forslag til et fælles introduktionsforløb for nyansatte "
     "på tværs af hospital og kommuner.",
     NULL,
     "Første resultater af Datadrevet psykiatri"},
};

static const char *const substitute_names[] = {
    "Vibeke Storm", "Asger Brandt", "Hanne Vinther", "Kristian Bak", "Lone Dam", "Mikkel Lau",
};

struct demo_run {
    struct store *st;
    struct arena *a;
    const struct principal *who;
    const struct demo_plan *p;
    int64_t now;
    struct forum forum;
    int64_t sub_org[6], sub_person[6];   /* substitutes created, by organisation */
    size_t nsubs;
};

/* The first day on or after day `anchor` of month in year that is weekday (0 Monday). */
static int32_t meeting_day(int year, int month, int anchor, int weekday)
{
    int32_t d = date_from_ymd(year, month, anchor);

    while (date_weekday(d) != weekday)
        d++;
    return d;
}

static int64_t earlier(int64_t a, int64_t b)
{
    return a < b ? a : b;
}

/* A substitute from organisation org (created the first time). */
static int substitute(struct demo_run *d, int64_t org, int64_t *id, struct kl_error *err)
{
    struct field_errors fe = {0};
    struct person p = {0};
    int rc;

    for (size_t i = 0; i < d->nsubs; i++)
        if (d->sub_org[i] == org) {
            *id = d->sub_person[i];
            return 0;
        }
    if (d->nsubs == 6) {
        *id = d->sub_person[0];
        return 0;
    }
    p.name = substitute_names[(d->nsubs + (d->p == plans ? 0 : 3)) % 6];
    p.title = "Afdelingsleder";
    p.organisation_id = org;
    p.email = p.phone = "";
    rc = app_person_save(d->st, d->who, &p, &fe, err);
    if (rc == 0) {
        d->sub_org[d->nsubs] = org;
        d->sub_person[d->nsubs++] = p.id;
        *id = p.id;
    }
    return rc;
}

/* Registers the absences of meeting k (the k-th past meeting): one member, and on every
 * other meeting another with a substitute. Returns the invited members' first person in
 * *member (0 when none is invited). */
static int absences(struct demo_run *d, int64_t mid, int k, int64_t at, int64_t *member,
                    struct kl_error *err)
{
    struct attendance_report rep;
    struct field_errors fe = {0};
    int64_t ids[64], orgs[64], sub;
    size_t n = 0;
    int rc = app_attendance_get(d->st, d->a, d->who, mid, &rep, err);

    *member = 0;
    for (size_t i = 0; rc == 0 && i < rep.nall && n < 64; i++)
        if (rep.all[i].kind == ATTEND_MEMBER) {
            orgs[n] = rep.all[i].organisation_id;
            ids[n++] = rep.all[i].person_id;
        }
    if (rc || n < 3)
        return rc;
    *member = ids[1];
    rc = app_attendance_absent(d->st, d->who, mid, ids[(size_t)(k * 3 + 2) % n], 0, "", at, &fe,
                               err);
    if (rc == 0 && k % 2 == 0) {
        size_t j = (size_t)(k * 3 + 4) % n;
        if (j == (size_t)(k * 3 + 2) % n)
            j = (j + 1) % n;
        rc = substitute(d, orgs[j], &sub, err);
        if (rc == 0)
            rc = app_attendance_absent(d->st, d->who, mid, ids[j], sub,
                                       "Deltager i anden mødeaktivitet", at, &fe, err);
    }
    return rc;
}

/* Adds template item i to meeting mid; *id is set. */
static int add_item(struct demo_run *d, int64_t mid, int i, int64_t *id, struct kl_error *err)
{
    const struct demo_item *t = &d->p->items[i];
    struct field_errors fe = {0};
    struct agenda_item it = {.title = t->title, .rooms = t->rooms,
                             .recommendation = t->recommendation, .case_text = t->case_text,
                             .presenter = t->presenter, .written_orientation = t->written,
                             .closed = t->closed};
    int rc = app_item_add(d->st, d->who, mid, &it, &fe, err);

    *id = it.id;
    return rc;
}

/* What follows a decision on item id of meeting m (template t, special sp). */
static int follow(struct demo_run *d, const struct meeting *m, int64_t id, enum special sp,
                  int64_t member, struct kl_error *err)
{
    struct field_errors fe = {0};
    int64_t at = m->ends_at;
    int rc = 0;

    if (sp == SP_FOLLOWUP && member) {
        struct followup f = {.item_id = id, .what = d->p->followup_what,
                             .owner_person_id = member,
                             .due_on = meeting_cph_day(m->starts_at) + 45};
        rc = app_followup_add(d->st, d->who, &f, at, &fe, err);
        if (rc == 0 && m->starts_at + 40 * DAY < d->now)
            rc = app_followup_set_status(d->st, d->who, f.id, FOLLOWUP_DONE,
                                         m->starts_at + 40 * DAY, err);
    } else if (sp == SP_REFER_UP || sp == SP_REFER_DOWN) {
        struct referral r = {.item_id = id, .note = d->p->refer_note,
                             .answer_by = meeting_cph_day(m->starts_at) + 60};
        if (sp == SP_REFER_UP)
            r.to_forum_id = d->forum.reports_to;
        else
            rc = demo_forum_by_name(d->st, d->a, d->who, d->p->cluster, d->p->refer_to,
                                    &r.to_forum_id, err);
        if (rc || !r.to_forum_id)
            return rc;
        rc = app_referral_create(d->st, d->who, &r, &fe, err);
        if (rc == 0 && d->p->refer_answer && m->starts_at + 21 * DAY < d->now)
            rc = app_referral_answer(d->st, d->who, r.id, d->p->refer_answer,
                                     m->starts_at + 21 * DAY, &fe, err);
    }
    return rc;
}

static const char *standard_decision(enum item_standard s, enum item_outcome *o)
{
    *o = s == STANDARD_ROUND || s == STANDARD_ANY_OTHER ? OUTCOME_NOTED : OUTCOME_APPROVED;
    switch (s) {
    case STANDARD_APPROVE_AGENDA: return "Dagsordenen blev godkendt.";
    case STANDARD_APPROVE_MINUTES: return "Referatet blev godkendt.";
    case STANDARD_ROUND:
        return "Medlemmerne orienterede om rekruttering, økonomi og de kommende "
               "kvalitetsstandarder.";
    default: return "Intet.";
    }
}

/* The whole cycle of the k-th past meeting m, from agenda to published minutes. */
static int past_meeting(struct demo_run *d, const struct meeting *m, int k, struct kl_error *err)
{
    const int *row = d->p->schedule[k % 6];
    struct field_errors fe = {0};
    struct agenda ag;
    int64_t ids[3] = {0}, member = 0;
    int32_t deadline = meeting_publish_deadline(m->starts_at, m->publish_days);
    int late = k == 1 && d->p == plans;
    int64_t published = meeting_local_instant(deadline + late, 9 * 60);
    int rc = app_meeting_start_agenda(d->st, d->who, m->id, err);

    for (int j = 0; rc == 0 && j < 3; j++)
        if (row[j])
            rc = add_item(d, m->id, row[j] - 1, &ids[j], err);
    if (rc == 0 && k == 0 && d->p == plans && ids[1]) {
        struct person g = {.name = "Karin Holst", .title = "Medformand", .email = "",
                           .phone = ""};
        rc = app_person_save(d->st, d->who, &g, &fe, err);
        if (rc == 0)
            rc = app_attendance_add_guest(d->st, d->who, m->id, g.id, ids[1],
                                          "Driftsforum voksen somatik", &fe, err);
    }
    if (rc == 0)
        rc = app_meeting_publish_agenda(d->st, d->who, m->id, published,
                                        late ? "Dagsordenen blev udsendt en dag efter fristen, "
                                               "da formandskabet først godkendte den på "
                                               "formødet." : NULL, &fe, err);
    if (rc == 0)
        rc = absences(d, m->id, k, published + DAY, &member, err);
    if (rc == 0)
        rc = app_meeting_mark_held(d->st, d->who, m->id, m->starts_at, err);
    if (rc == 0)
        rc = app_meeting_start_minutes(d->st, d->who, m->id, err);
    if (rc == 0)
        rc = app_agenda_get(d->st, d->a, d->who, m->id, &ag, err);
    for (size_t i = 0; rc == 0 && i < ag.nitems; i++) {
        const struct agenda_item *it = &ag.items[i].item;
        enum special sp = SP_NONE;
        enum item_outcome o = OUTCOME_NOTED;
        const char *text = NULL;
        if (it->standard != STANDARD_NONE) {
            text = standard_decision(it->standard, &o);
        } else if (it->origin_followup_id) {
            text = "Punktet blev genoptaget, og status foreligger nu. Indstillingen blev "
                   "godkendt.";
            o = OUTCOME_APPROVED;
        }
        for (int j = 0; !text && j < 3; j++)
            if (ids[j] == it->id) {
                const struct demo_item *t = &d->p->items[row[j] - 1];
                sp = k < 6 ? d->p->specials[k][j] : SP_NONE;
                text = t->decision;
                o = t->outcome;
                if (sp == SP_BRING_BACK) {
                    text = "Flere statusopgørelser mangler. Punktet genoptages på næste møde, "
                           "når de foreligger.";
                    o = OUTCOME_BROUGHT_BACK;
                }
            }
        if (!text)
            continue;
        rc = app_minutes_record(d->st, d->who, it->id, text, o, m->ends_at, &fe, err);
        if (rc == 0)
            rc = follow(d, m, it->id, sp, member, err);
    }
    if (rc == 0)
        rc = app_meeting_publish_minutes(d->st, d->who, m->id,
                                         earlier(m->starts_at + 7 * DAY, d->now), err);
    return rc;
}

/* A pre-meeting that has taken place: its agenda published and held. */
static int past_pre_meeting(struct demo_run *d, const struct meeting *m, struct kl_error *err)
{
    struct field_errors fe = {0};
    struct agenda_item it = {.title = "Gennemgang af udkast til dagsorden",
                             .rooms = ROOM_DECIDING,
                             .recommendation = "At formandskabet gennemgår og godkender "
                                               "udkastet til dagsorden",
                             .case_text = "", .presenter = "Sekretariatet"};
    int rc = app_meeting_start_agenda(d->st, d->who, m->id, err);

    if (rc == 0)
        rc = app_item_add(d->st, d->who, m->id, &it, &fe, err);
    if (rc == 0)
        rc = app_meeting_publish_agenda(d->st, d->who, m->id, m->starts_at - DAY, NULL, &fe,
                                        err);
    if (rc == 0)
        rc = app_meeting_mark_held(d->st, d->who, m->id, m->starts_at, err);
    return rc;
}

/* Plans year for the forum: its six meetings, each with its pre-meeting. */
static int plan_year(struct demo_run *d, int year, struct kl_error *err)
{
    const struct demo_plan *p = d->p;
    struct field_errors fe = {0};
    struct yearplan_result res;
    int32_t days[6];
    struct yearplan yp = {.forum_id = d->forum.id, .year = year, .days = days, .ndays = 6,
                          .start_minute = p->start_minute, .duration_minutes = p->minutes,
                          .kind = MEETING_REGULAR, .place = p->place, .pre_start_minute = -1,
                          .pre_duration_minutes = 60};

    for (int i = 0; i < 6; i++)
        days[i] = meeting_day(year, p->months[i], p->anchor, p->weekday);
    return app_yearplan_create(d->st, d->a, d->who, &yp, &res, &fe, err);
}

/* The meetings of one plan, when its forum exists and has none yet. */
static int demo_forum(struct demo_run *d, struct kl_error *err)
{
    struct meeting_query q = {.from_day = 0, .to_day = DATE_OPEN, .include_cancelled = 1,
                              .include_pre_meetings = 1};
    struct meeting *m;
    int64_t id;
    size_t n, npast = 0, k = 0, upcoming = 0;
    int year, month, day;
    int rc = demo_forum_by_name(d->st, d->a, d->who, d->p->cluster, d->p->forum, &id, err);

    if (rc || !id || (rc = app_forum_get(d->st, d->a, id, &d->forum, err)))
        return rc;
    q.forum_ids = &id;
    q.nforums = 1;
    if ((rc = app_meeting_list(d->st, d->a, d->who, &q, &m, &n, err)) || n)
        return rc;
    date_to_ymd(meeting_cph_day(d->now), &year, &month, &day);
    /* early in the year, last year's plan too, so that there is a year of minutes */
    for (int i = 0; i < 6; i++)
        if (meeting_local_instant(meeting_day(year, d->p->months[i], d->p->anchor,
                                              d->p->weekday), d->p->start_minute) < d->now)
            npast++;
    if (npast < 3 && (rc = plan_year(d, year - 1, err)))
        return rc;
    if ((rc = plan_year(d, year, err)))
        return rc;
    /* late in the year, next year's plan too, so that there is a next meeting */
    if (npast == 6 && (rc = plan_year(d, year + 1, err)))
        return rc;
    if ((rc = app_meeting_list(d->st, d->a, d->who, &q, &m, &n, err)))
        return rc;
    for (size_t i = 0; rc == 0 && i < n; i++) {
        if (m[i].kind == MEETING_PRE) {
            if (m[i].starts_at < d->now)
                rc = past_pre_meeting(d, &m[i], err);
        } else if (m[i].starts_at < d->now) {
            rc = past_meeting(d, &m[i], (int)k++, err);
        } else if (!upcoming++) {
            int64_t item;
            rc = app_meeting_start_agenda(d->st, d->who, m[i].id, err);
            for (int j = 0; rc == 0 && j < 2; j++)
                rc = add_item(d, m[i].id, d->p->upcoming[j] - 1, &item, err);
        }
    }
    return rc;
}

int app_demo_meetings(struct store *st, const struct principal *who, int64_t now,
                      struct kl_error *err)
{
    int rc = 0;

    for (size_t i = 0; rc == 0 && i < sizeof(plans) / sizeof(plans[0]); i++) {
        struct demo_run d = {.st = st, .who = who, .p = &plans[i],
                             .now = now ? now : (int64_t)time(NULL)};
        if (!(d.a = arena_new(0)))
            return kl_error_set(err, KL_ENOMEM, "out of memory");
        rc = demo_forum(&d, err);
        arena_free(d.a);
    }
    return rc;
}
