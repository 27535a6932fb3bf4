/* labels.c - interface words for stored names (see labels.h). */
#include "web/labels.h"
#include "core/i18n.h"

const char *const forum_kind_labels[FORUM_KIND_COUNT] = {
    [FORUM_POLITICAL] = N_("Political level"),   [FORUM_DIRECTOR] = N_("Director forum"),
    [FORUM_CHIEF] = N_("Chief forum"),           [FORUM_STEERING] = N_("Steering group"),
    [FORUM_OPERATIONS] = N_("Operations forum"), [FORUM_FOCUS_GROUP] = N_("Focus group"),
    [FORUM_AD_HOC] = N_("Ad hoc group"),         [FORUM_STANDING] = N_("Standing group"),
    [FORUM_SECRETARIAT] = N_("Secretariat"),
};

const char *const org_kind_labels[ORG_KIND_COUNT] = {
    [ORG_REGION] = N_("Region"),
    [ORG_HOSPITAL] = N_("Hospital unit"),
    [ORG_MUNICIPALITY] = N_("Municipal administration"),
    [ORG_GENERAL_PRACTICE] = N_("General practice (PLO)"),
    [ORG_PRACTICE_COORDINATOR] = N_("Practice coordinator"),
    [ORG_PSYCHIATRY] = N_("Psychiatry"),
    [ORG_PATIENT_PANEL] = N_("Patient panel"),
    [ORG_OTHER] = N_("Other"),
};

const char *const member_role_labels[MEMBER_ROLE_COUNT] = {
    [MEMBER_CHAIR] = N_("Chair"),         [MEMBER_CO_CHAIR] = N_("Co-chair"),
    [MEMBER_MEMBER] = N_("Member"),       [MEMBER_SECRETARY] = N_("Secretary"),
    [MEMBER_GUEST] = N_("Guest"),         [MEMBER_SUBSTITUTE] = N_("Substitute"),
};

int forum_kind_level(enum forum_kind k)
{
    switch (k) {
    case FORUM_POLITICAL: return 0;
    case FORUM_DIRECTOR: return 1;
    case FORUM_CHIEF: return 2;
    case FORUM_STEERING: return 3;
    case FORUM_OPERATIONS: return 4;
    case FORUM_FOCUS_GROUP: return 5;
    case FORUM_STANDING: return 6;
    case FORUM_AD_HOC: return 7;
    default: return 8;
    }
}
