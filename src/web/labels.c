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

const char *const meeting_kind_labels[MEETING_KIND_COUNT] = {
    [MEETING_REGULAR] = N_("Meeting"), [MEETING_PRE] = N_("Pre-meeting"),
    [MEETING_SEMINAR] = N_("Seminar"), [MEETING_POLITICAL] = N_("Political meeting"),
};

const char *const meeting_status_labels[MEETING_STATUS_COUNT] = {
    [MEETING_PLANNED] = N_("Planned"),
    [MEETING_AGENDA_DRAFT] = N_("Agenda in draft"),
    [MEETING_AGENDA_PUBLISHED] = N_("Agenda sent out"),
    [MEETING_HELD] = N_("Held"),
    [MEETING_MINUTES_DRAFT] = N_("Minutes in draft"),
    [MEETING_MINUTES_PUBLISHED] = N_("Minutes published"),
    [MEETING_CANCELLED] = N_("Cancelled"),
};

const char *const item_outcome_labels[OUTCOME_COUNT] = {
    [OUTCOME_NONE] = N_("No decision yet"),
    [OUTCOME_APPROVED] = N_("Approved"),
    [OUTCOME_APPROVED_WITH_CHANGES] = N_("Approved with changes"),
    [OUTCOME_NOTED] = N_("Noted"),
    [OUTCOME_POSTPONED] = N_("Postponed"),
    [OUTCOME_REJECTED] = N_("Rejected"),
    [OUTCOME_BROUGHT_BACK] = N_("Brought back to a later meeting"),
};

const char *const urgency_labels[4] = {
    [URGENCY_FINE] = N_("On track"), [URGENCY_WEEK] = N_("Due within a week"),
    [URGENCY_SOON] = N_("Due within 3 days"), [URGENCY_OVERDUE] = N_("Overdue"),
};

const char *const followup_status_labels[FOLLOWUP_STATUS_COUNT] = {
    [FOLLOWUP_OPEN] = N_("Open"), [FOLLOWUP_DONE] = N_("Done"),
    [FOLLOWUP_CANCELLED] = N_("Cancelled"),
};

const char *const referral_status_labels[REFERRAL_STATUS_COUNT] = {
    [REFERRAL_OPEN] = N_("Open"), [REFERRAL_ANSWERED] = N_("Answered"),
    [REFERRAL_WITHDRAWN] = N_("Withdrawn"),
};

const char *const room_labels[4] = {N_("informing"), N_("developing"), N_("negotiating"),
                                    N_("deciding")};
