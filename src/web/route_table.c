/* route_table.c - every route of the web server with its handler and the permission it
 * needs. Adding a route here without adding it to the authorization matrix test
 * (tests/integration/test_authz.py) makes that test fail. */
#include "web/handlers.h"
#include "web/routes.h"

#include <stddef.h>

const struct route web_routes[] = {
    {"GET", "/", page_front, PERM_PUBLIC},
    {"GET", "/regions", page_regions, PERM_PUBLIC},
    {"GET", "/regions/{code}", page_region, PERM_PUBLIC},
    {"GET", "/clusters", page_clusters, PERM_PUBLIC},
    {"GET", "/clusters/{code}", page_cluster, PERM_PUBLIC},
    {"GET", "/municipalities", page_municipalities, PERM_PUBLIC},
    {"GET", "/municipalities/{code}", page_municipality, PERM_PUBLIC},
    {"GET", "/api/v1/regions", api_regions, PERM_PUBLIC},
    {"GET", "/api/v1/regions/{code}", api_region, PERM_PUBLIC},
    {"GET", "/api/v1/municipalities", api_municipalities, PERM_PUBLIC},
    {"GET", "/api/v1/municipalities/{code}", api_municipality, PERM_PUBLIC},
    {"GET", "/api/v1/clusters", api_clusters, PERM_PUBLIC},
    {"GET", "/api/v1/clusters/{code}", api_cluster, PERM_PUBLIC},
    {"GET", "/healthz", serve_health, PERM_PUBLIC},
    {"GET", "/static/{name}", serve_static, PERM_PUBLIC},
    {NULL, NULL, NULL, PERM_PUBLIC},
};
