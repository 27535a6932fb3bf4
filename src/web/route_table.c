/* route_table.c - every route of the web server with its handler and the permission it
 * needs. Adding a route here without adding it to the authorization matrix test
 * (tests/integration/test_authz.py) makes that test fail. */
#include "web/handlers.h"
#include "web/routes.h"

#include <stddef.h>

const struct route web_routes[] = {
    {"GET", "/", page_front, PERM_PUBLIC, 0},
    {"GET", "/regions", page_regions, PERM_PUBLIC, 0},
    {"GET", "/regions/{code}", page_region, PERM_PUBLIC, 0},
    {"GET", "/clusters", page_clusters, PERM_PUBLIC, 0},
    {"GET", "/clusters/{code}", page_cluster, PERM_PUBLIC, 0},
    {"GET", "/municipalities", page_municipalities, PERM_PUBLIC, 0},
    {"GET", "/municipalities/{code}", page_municipality, PERM_PUBLIC, 0},
    {"GET", "/api/v1/regions", api_regions, PERM_PUBLIC, 0},
    {"GET", "/api/v1/regions/{code}", api_region, PERM_PUBLIC, 0},
    {"GET", "/api/v1/municipalities", api_municipalities, PERM_PUBLIC, 0},
    {"GET", "/api/v1/municipalities/{code}", api_municipality, PERM_PUBLIC, 0},
    {"GET", "/api/v1/clusters", api_clusters, PERM_PUBLIC, 0},
    {"GET", "/api/v1/clusters/{code}", api_cluster, PERM_PUBLIC, 0},
    {"GET", "/login", page_login, PERM_PUBLIC, 0},
    {"POST", "/login", post_login, PERM_PUBLIC, ROUTE_OWN_CSRF},
    {"POST", "/logout", post_logout, PERM_SIGNED_IN, 0},
    {"GET", "/account", page_account, PERM_SIGNED_IN, 0},
    {"POST", "/account/tokens", post_token_create, PERM_SIGNED_IN, 0},
    {"POST", "/account/tokens/{id}/revoke", post_token_revoke, PERM_SIGNED_IN, 0},
    {"GET", "/api/v1/me", api_me, PERM_SIGNED_IN, 0},
    {"GET", "/audit", page_audit, PERM_AUDIT_READ, 0},
    {"GET", "/api/v1/audit", api_audit, PERM_AUDIT_READ, 0},
    {"GET", "/healthz", serve_health, PERM_PUBLIC, 0},
    {"GET", "/static/{name}", serve_static, PERM_PUBLIC, 0},
    {NULL, NULL, NULL, PERM_PUBLIC, 0},
};
