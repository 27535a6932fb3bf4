/* templates.c - the three standard organisations of the seeds and how a cluster gets one
 * (see templates.h). */
#include "app/templates.h"
#include "app/audit.h"
#include "app/model_json.h"
#include "app/org.h"
#include "app/permission.h"
#include "core/arena.h"
#include "core/error.h"
#include "core/i18n.h"
#include "model/forum.h"
#include "model/org.h"
#include "model/people.h"
#include "store/people.h"
#include "store/store.h"

#include <stdio.h>
#include <string.h>

const struct org_template org_templates[] = {
    {"cluster-2022", N_("Sundhedsklynge (2022 law)"),
     N_("Political level, Direktørforum, Chefforum and three Driftsfora, as the health "
        "clusters are organised since the 2022 agreement."), 0},
    {"steering-2019", N_("Klyngestyregruppe (2019)"),
     N_("A cluster steering group with three focus groups; the municipal co-chair rotates "
        "among the municipalities two years at a time."), 0},
    {"regional-2019", N_("Regional sundhedsaftale"),
     N_("Sundhedskoordinationsudvalget, Sundhedsstyregruppen with its chairmanship and a joint "
        "secretariat for the whole region."), 1},
    {NULL, NULL, NULL, 0},
};

struct forum_def {
    const char *template_id;
    const char *name;
    enum forum_kind kind;
    int parent;             /* index among the template's definitions, or -1 */
    int is_public;
    int publish_days, min_meetings, premeeting_days, rotation_years, all_municipalities;
    const char *chair, *secretariat, *mandate;
};

static const struct forum_def defs[] = {
    {"cluster-2022", "Politisk niveau", FORUM_POLITICAL, -1, 1, 14, 2, -1, 0, 1,
     "Formand fra regionsrådet, næstformand fra kommunerne.",
     "Klyngesekretariatet.",
     "### Formål\n\nDet politiske niveau sætter retningen for sundhedsklyngens arbejde og "
     "godkender handleplanen.\n\n### Opgaver\n\n- Godkende klyngens handleplan\n- Følge "
     "fremdriften på de nationale mål\n- Drøfte sager, som Direktørforum lægger op\n"},
    {"cluster-2022", "Direktørforum", FORUM_DIRECTOR, 0, 0, 14, 4, -1, 0, 1,
     "Regional og kommunal medformand.", "Klyngesekretariatet.",
     "### Formål\n\nDirektørforum har det strategiske ansvar for klyngesamarbejdet og "
     "forbereder sager til det politiske niveau.\n"},
    {"cluster-2022", "Chefforum", FORUM_CHIEF, 1, 0, 14, 6, 7, 2, 1,
     "Regional medformand og en kommunal medformand, der går på skift mellem kommunerne.",
     "Sekretariatet fra regionen og den kommune, der har medformandskabet.",
     "### Formål\n\nChefforum omsætter strategien til indsatser, følger handleplanen og "
     "koordinerer driftsfora.\n\n### Opgaver\n\n- Følge status på handleplanens indsatser\n"
     "- Beslutte anvendelse af klyngemidler\n- Sende sager videre til Direktørforum\n"},
    {"cluster-2022", "Driftsforum voksen somatik", FORUM_OPERATIONS, 2, 0, 14, 4, -1, 0, 0,
     "Regional og kommunal medformand.", "Klyngesekretariatet.",
     "### Formål\n\nDriftsforum løser konkrete samarbejdsopgaver om voksne med somatisk "
     "sygdom.\n"},
    {"cluster-2022", "Driftsforum voksen psykiatri", FORUM_OPERATIONS, 2, 0, 14, 4, -1, 0, 0,
     "Regional og kommunal medformand.", "Klyngesekretariatet.",
     "### Formål\n\nDriftsforum løser konkrete samarbejdsopgaver om voksne med psykisk "
     "sygdom.\n"},
    {"cluster-2022", "Driftsforum børn og unge somatik", FORUM_OPERATIONS, 2, 0, 14, 4, -1, 0,
     0, "Regional og kommunal medformand.", "Klyngesekretariatet.",
     "### Formål\n\nDriftsforum løser konkrete samarbejdsopgaver om børn og unge.\n"},

    {"steering-2019", "Klyngestyregruppe", FORUM_STEERING, -1, 0, 14, 4, 14, 2, 1,
     "Formand fra hospitalsenheden; kommunal medformand på skift mellem kommunerne, to år ad "
     "gangen.",
     "En konsulent fra hospitalsenheden og en fra den kommune, der har medformandskabet.",
     "### Formål\n\nKlyngestyregruppen leder samarbejdet i klyngen om sundhedsaftalens mål og "
     "nedsætter fokusgrupper.\n\n### Formandskab\n\nDet kommunale medformandskab går på skift "
     "mellem kommunerne og varetages i to år ad gangen.\n"},
    {"steering-2019", "Fokusgruppe Sundhed for voksne", FORUM_FOCUS_GROUP, 0, 0, 14, 4, -1, 2,
     1, "Formand fra hospitalsenheden og kommunal medformand på skift.",
     "En konsulent fra hospitalsenheden og en fra den kommune, der har medformandskabet.",
     "### Formål\n\nFokusgruppen arbejder med sammenhæng for voksne patienter.\n"},
    {"steering-2019", "Fokusgruppe Sundhed for børn og unge", FORUM_FOCUS_GROUP, 0, 0, 14, 4,
     -1, 2, 1, "Formand fra hospitalsenheden og kommunal medformand på skift.",
     "En konsulent fra hospitalsenheden og en fra den kommune, der har medformandskabet.",
     "### Formål\n\nFokusgruppen arbejder med sammenhæng for børn og unge.\n"},
    {"steering-2019", "Fokusgruppe Sundhed og beskæftigelse", FORUM_FOCUS_GROUP, 0, 0, 14, 4,
     -1, 2, 1, "Formand fra hospitalsenheden og kommunal medformand på skift.",
     "En konsulent fra hospitalsenheden og en fra den kommune, der har medformandskabet.",
     "### Formål\n\nFokusgruppen arbejder med sundhed og beskæftigelse.\n"},

    {"regional-2019", "Sundhedskoordinationsudvalget", FORUM_POLITICAL, -1, 1, 14, 4, -1, 0,
     0, "Formand fra regionsrådet, næstformand fra kommunerne.", "Fællessekretariatet.",
     "### Formål\n\nSundhedskoordinationsudvalget har det politiske ansvar for "
     "sundhedsaftalen i regionen.\n"},
    {"regional-2019", "Sundhedsstyregruppen", FORUM_STEERING, 0, 0, 14, 6, -1, 0, 0,
     "Formandskab af regional og kommunal repræsentant.", "Fællessekretariatet.",
     "### Formål\n\nSundhedsstyregruppen leder arbejdet med sundhedsaftalen og nedsætter ad "
     "hoc grupper og faste grupper.\n"},
    {"regional-2019", "Sundhedsstyregruppens formandskab", FORUM_STANDING, 1, 0, 7, 6, -1, 0, 0,
     "Sundhedsstyregruppens formand og næstformand.", "Fællessekretariatet.",
     "### Formål\n\nFormandskabet forbereder sager til Sundhedsstyregruppen og træffer "
     "beslutninger, der kan afklares i formandskabet.\n"},
    {"regional-2019", "Fællessekretariatet", FORUM_SECRETARIAT, 1, 0, 7, 0, -1, 0, 0,
     "Et arbejdende formandskab.", "",
     "### Formål\n\nFællessekretariatet koordinerer og følger op på tværs og sætter faglige "
     "opgaver i gang.\n"},
};

const struct org_template *org_template_find(const char *id)
{
    for (const struct org_template *t = org_templates; id && t->id; t++)
        if (strcmp(t->id, id) == 0)
            return t;
    return NULL;
}

/* The id of the organisation called name, created with kind and codes when missing. */
static int ensure_org(struct store *st, struct arena *a, const struct principal *who,
                      const char *name, enum org_kind kind, int region, int municipality,
                      int64_t *id, struct kl_error *err)
{
    struct organisation o;
    int rc = store_org_by_name(st, a, name, &o, err);

    if (rc == 0) {
        *id = o.id;
        return 0;
    }
    if (rc != KL_ENOTFOUND)
        return rc;
    o = (struct organisation){0, name, kind, region, municipality};
    if ((rc = store_org_insert(st, &o, &o.id, err)))
        return rc;
    *id = o.id;
    {
        char idtext[24];
        json_t *after = organisation_json(&o);
        snprintf(idtext, sizeof(idtext), "%lld", (long long)o.id);
        rc = app_audit_record(st, who, "organisation", idtext, "create", 0, NULL, after, err);
        json_decref(after);
    }
    return rc;
}

/* "Aalborg Kommune"; the two that are named otherwise, by their own names. */
static const char *municipality_org_name(struct arena *a, int code, const char *name)
{
    if (code == 101)
        return "Københavns Kommune";
    if (code == 400)
        return "Bornholms Regionskommune";
    return arena_printf(a, "%s Kommune", name);
}

/* The organisations of a cluster: region, hospitals, municipalities (their ids in muni[],
 * in the cluster's order), general practice, psychiatry, patient panel. */
static int cluster_orgs(struct store *st, struct arena *a, const struct principal *who,
                        const struct cluster_detail *cd, int64_t *muni, size_t *nmuni,
                        struct kl_error *err)
{
    const char *short_region = cd->region_name + (strncmp(cd->region_name, "Region ", 7) ? 0 : 7);
    int64_t id;
    int rc, reg = cd->cluster.region_code;

    if ((rc = ensure_org(st, a, who, cd->region_name, ORG_REGION, reg, 0, &id, err)) ||
        (rc = ensure_org(st, a, who, arena_printf(a, "PLO-%s", short_region),
                         ORG_GENERAL_PRACTICE, reg, 0, &id, err)) ||
        (rc = ensure_org(st, a, who, arena_printf(a, "Psykiatrien i %s", cd->region_name),
                         ORG_PSYCHIATRY, reg, 0, &id, err)) ||
        (rc = ensure_org(st, a, who, arena_printf(a, "Patientinddragelsesudvalget, %s",
                                                  cd->region_name),
                         ORG_PATIENT_PANEL, reg, 0, &id, err)))
        return rc;
    for (size_t i = 0; i < cd->nhospitals; i++)
        if ((rc = ensure_org(st, a, who, cd->hospitals[i].name, ORG_HOSPITAL, reg, 0, &id, err)))
            return rc;
    *nmuni = 0;
    for (size_t i = 0; i < cd->nmembers && *nmuni < FORUM_MAX_ROTATION; i++) {
        const struct cluster_member *m = &cd->members[i];
        if ((rc = ensure_org(st, a, who, municipality_org_name(a, m->municipality_code,
                                                               m->municipality_name),
                             ORG_MUNICIPALITY, reg, m->municipality_code, &muni[(*nmuni)++],
                             err)))
            return rc;
    }
    return 0;
}

static int create_forums(struct store *st, struct arena *a, const struct principal *who,
                         const struct org_template *t, const struct cluster_detail *cd,
                         const int64_t *muni, size_t nmuni, int64_t *ids, size_t *n,
                         struct kl_error *err)
{
    int first = -1, rc;

    for (size_t i = 0; i < sizeof(defs) / sizeof(defs[0]); i++) {
        const struct forum_def *d = &defs[i];
        struct forum f = {0};
        char idtext[24];
        json_t *after;

        if (strcmp(d->template_id, t->id) != 0)
            continue;
        if (first < 0)
            first = (int)i;
        f.name = arena_printf(a, "%s – %s", d->name,
                              t->regional ? cd->region_name : cd->cluster.name);
        f.kind = d->kind;
        f.is_public = d->is_public;
        f.reports_to = d->parent >= 0 ? ids[d->parent] : 0;
        f.ends_on = DATE_OPEN;
        f.task = "";
        f.mandate = (struct mandate){d->mandate, d->publish_days, d->min_meetings,
                                     d->premeeting_days, d->chair, d->rotation_years,
                                     cd->cluster.valid_from, d->secretariat,
                                     d->all_municipalities, 0};
        if (t->regional) {
            f.region_code = cd->cluster.region_code;
        } else {
            f.clusters[0] = cd->cluster.code;
            f.nclusters = 1;
        }
        if (d->rotation_years && nmuni >= 2) {
            memcpy(f.rotation_orgs, muni, nmuni * sizeof(*muni));
            f.nrotation = nmuni;
        } else {
            f.mandate.rotation_years = 0;
        }
        if (!f.name)
            return kl_error_set(err, KL_ENOMEM, "out of memory");
        if ((rc = store_forum_create(st, &f, &f.id, err)))
            return rc;
        ids[(*n)++] = f.id;
        snprintf(idtext, sizeof(idtext), "%lld", (long long)f.id);
        after = forum_json(&f, 1);
        rc = app_audit_record(st, who, "forum", idtext, "create", f.id, NULL, after, err);
        json_decref(after);
        if (rc)
            return rc;
    }
    return 0;
}

int app_template_apply(struct store *st, const struct principal *who, const char *id,
                       const char *cluster_code, int64_t *ids, size_t *n, struct kl_error *err)
{
    const struct org_template *t = org_template_find(id);
    struct cluster_detail cd;
    int64_t muni[FORUM_MAX_ROTATION];
    size_t nmuni = 0;
    struct arena *a;
    int rc;

    *n = 0;
    if ((rc = app_authorize(st, who, PERM_ADMIN, 0, err)))
        return rc;
    if (!t)
        return kl_error_set(err, KL_ENOTFOUND, "there is no template '%s'", id ? id : "");
    if (!(a = arena_new(0)))
        return kl_error_set(err, KL_ENOMEM, "out of memory");
    rc = app_cluster_get(st, a, cluster_code, &cd, err);
    if (rc == 0 && (rc = store_begin(st, err)) == 0) {
        rc = cluster_orgs(st, a, who, &cd, muni, &nmuni, err);
        if (rc == 0)
            rc = create_forums(st, a, who, t, &cd, muni, nmuni, ids, n, err);
        if (rc) {
            store_rollback(st);
            *n = 0;
        } else {
            rc = store_commit(st, err);
        }
    }
    arena_free(a);
    return rc;
}
