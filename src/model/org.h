/* org.h - the geography of Danish health care: regions, municipalities, hospitals and
 * clusters (sundhedsklynger), as plain structs with their value checks.
 *
 * Strings in these structs point into memory owned by whoever filled them (usually a
 * request or command arena). Dates are day numbers (core/date.h); DATE_OPEN marks a period
 * without an end. */
#ifndef KL_MODEL_ORG_H
#define KL_MODEL_ORG_H

#include <stddef.h>
#include <stdint.h>

#define DATE_OPEN INT32_MAX

struct region {
    int code;         /* 1081-1085 */
    const char *name; /* "Region Midtjylland" */
};

struct municipality {
    int code;            /* official 3-digit code, 101-860 */
    const char *name;    /* "Aarhus" */
    int region_code;
    int64_t population;  /* -1 when not known */
};

struct hospital {
    int64_t id;
    const char *name;
    int region_code;
};

struct cluster {
    const char *code;    /* stable public id, "RM-AARHUS" */
    const char *name;    /* "Aarhusklyngen" */
    int region_code;
    int32_t valid_from;  /* first day */
    int32_t valid_to;    /* last day, or DATE_OPEN */
};

/* A municipality's membership of a cluster. shared is set when the municipality belongs to
 * another cluster at some time in the same period. */
struct cluster_member {
    int municipality_code;
    const char *municipality_name;
    int64_t population;
    int shared;
};

struct cluster_detail {
    struct cluster cluster;
    const char *region_name;
    struct hospital *hospitals;
    size_t nhospitals;
    struct cluster_member *members;
    size_t nmembers;
};

/* One cluster a municipality belongs to, with the cluster's period. */
struct municipality_cluster {
    struct cluster cluster;
};

struct municipality_detail {
    struct municipality municipality;
    const char *region_name;
    struct municipality_cluster *clusters; /* ordered by valid_from, then name */
    size_t nclusters;
};

/* Value checks: 1 when valid. */
int region_code_valid(int code);
int municipality_code_valid(int code);
/* A cluster code: 1 to 40 characters of A-Z, 0-9 and '-', starting with a letter. */
int cluster_code_valid(const char *code);

/* True when the periods [a_from, a_to] and [b_from, b_to] share a day. */
int period_overlaps(int32_t a_from, int32_t a_to, int32_t b_from, int32_t b_to);

#endif
