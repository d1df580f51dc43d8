/*
 * Copyright (c) 2026 The open311d authors
 *
 * Permission to use, copy, modify, and distribute this software for any
 * purpose with or without fee is hereby granted, provided that the above
 * copyright notice and this permission notice appear in all copies.
 *
 * THE SOFTWARE IS PROVIDED "AS IS" AND THE AUTHOR DISCLAIMS ALL WARRANTIES
 * WITH REGARD TO THIS SOFTWARE INCLUDING ALL IMPLIED WARRANTIES OF
 * MERCHANTABILITY AND FITNESS. IN NO EVENT SHALL THE AUTHOR BE LIABLE FOR
 * ANY SPECIAL, DIRECT, INDIRECT, OR CONSEQUENTIAL DAMAGES OR ANY DAMAGES
 * WHATSOEVER RESULTING FROM LOSS OF USE, DATA OR PROFITS, WHETHER IN AN
 * ACTION OF CONTRACT, NEGLIGENCE OR OTHER TORTIOUS ACTION, ARISING OUT OF
 * OR IN CONNECTION WITH THE USE OR PERFORMANCE OF THIS SOFTWARE.
 */

/*
 * The route table: every path the gateway answers, one line per method,
 * and the one place a route is described. A line names the route (the
 * metrics label, shared by the lines of one path), the method, the path
 * pattern (':' is any one segment, a last '*' one or more), the formats
 * (path suffixes) it answers in and its handler; then what dispatch does
 * first: who may call (AUTH_* and, for AUTH_KEY, the key scopes that
 * will do; for AUTH_SESSION, the staff roles), flags, the body it reads, and its rate class. The lines of
 * one name stand together. docs/api.md describes every line
 * (tests/lint/docs.py checks that it does).
 */

#include "route.h"

#define GET	ROUTE_GET
#define POST	ROUTE_POST

static const struct route_def	routes[] = {
	/* name, method, path, formats, handler,
	 *     auth, scopes, flags, body, rate */
	{ "page_home", GET, "", RF_PAGE, route_web_page,
	    AUTH_NONE, 0, 0, BODY_NONE, RATE_CACHED },
	{ "page_report", GET, "report", RF_PAGE, route_web_page,
	    AUTH_NONE, 0, 0, BODY_NONE, RATE_CACHED },
	{ "page_data", GET, "data", RF_PAGE, route_web_page,
	    AUTH_NONE, 0, 0, BODY_NONE, RATE_CACHED },
	{ "assets", GET, "assets/*", RF_FILE, route_asset,
	    AUTH_NONE, 0, 0, BODY_NONE, RATE_CACHED },
	{ "web_config", GET, "web/config", RF_JSON, route_web_config,
	    AUTH_NONE, 0, 0, BODY_NONE, RATE_CACHED },
	{ "web_requests", POST, "web/requests", RF_JSON, route_web_submit,
	    AUTH_NONE, 0, 0, BODY_FORM, RATE_WRITE },
	{ "discovery", GET, "discovery", RF_OPEN311, route_discovery,
	    AUTH_NONE, 0, 0, BODY_NONE, RATE_CACHED },
	{ "services", GET, "services", RF_OPEN311, route_services,
	    AUTH_NONE, 0, 0, BODY_NONE, RATE_CACHED },
	{ "service_definition", GET, "services/:", RF_OPEN311,
	    route_service_definition,
	    AUTH_NONE, 0, 0, BODY_NONE, RATE_CACHED },
	{ "requests", GET, "requests", RF_OPEN311, route_requests_get,
	    AUTH_OPTIONAL, 0, 0, BODY_NONE, RATE_DB },
	{ "requests", POST, "requests", RF_OPEN311, route_requests_post,
	    AUTH_KEY, KEY_SUBMIT, 0, BODY_FORM, RATE_WRITE },
	{ "request", GET, "requests/:", RF_OPEN311, route_request_get,
	    AUTH_OPTIONAL, 0, 0, BODY_NONE, RATE_DB },
	{ "request", GET, "requests/:", RF_PAGE, route_web_page,
	    AUTH_NONE, 0, 0, BODY_NONE, RATE_CACHED },
	{ "feedback", GET, "requests/:/feedback", RF_PAGE | RF_OPEN311,
	    route_feedback_get,
	    AUTH_NONE, 0, 0, BODY_NONE, RATE_DB },
	{ "feedback", POST, "requests/:/feedback", RF_PAGE | RF_OPEN311,
	    route_feedback_post,
	    AUTH_NONE, 0, 0, BODY_FORM, RATE_WRITE },
	{ "unsubscribe", GET, "unsubscribe", RF_PAGE, route_unsubscribe_get,
	    AUTH_NONE, 0, 0, BODY_NONE, RATE_DB },
	{ "unsubscribe", POST, "unsubscribe", RF_PAGE, route_unsubscribe_post,
	    AUTH_NONE, 0, 0, BODY_FORM, RATE_WRITE },
	{ "token", GET, "tokens/:", RF_OPEN311, route_token,
	    AUTH_NONE, 0, 0, BODY_NONE, RATE_DB },
	{ "media", GET, "media/:", RF_BARE, route_media,
	    AUTH_NONE, 0, 0, BODY_NONE, RATE_DB },
	{ "admin_link", POST, "admin/requests/:/link", RF_OPEN311,
	    route_admin_link,
	    AUTH_KEY, KEY_ADMIN, 0, BODY_FORM, RATE_WRITE },
	{ "admin_unlink", POST, "admin/requests/:/unlink", RF_OPEN311,
	    route_admin_unlink,
	    AUTH_KEY, KEY_ADMIN, 0, BODY_FORM, RATE_WRITE },
	{ "admin_update", POST, "admin/requests/:/update", RF_OPEN311,
	    route_admin_update,
	    AUTH_KEY, KEY_BACKOFFICE | KEY_ADMIN, 0, BODY_FORM, RATE_WRITE },
	{ "admin_outbox", GET, "admin/outbox", RF_JSON, route_admin_outbox,
	    AUTH_KEY, KEY_ADMIN, ROUTE_GLOBAL, BODY_NONE, RATE_DB },
	{ "admin_outbox_retry", POST, "admin/outbox/:/retry", RF_JSON,
	    route_admin_outbox_retry,
	    AUTH_KEY, KEY_ADMIN, ROUTE_GLOBAL, BODY_FORM, RATE_WRITE },
	{ "admin_destinations", GET, "admin/destinations", RF_JSON,
	    route_admin_destinations,
	    AUTH_KEY, KEY_ADMIN, ROUTE_GLOBAL, BODY_NONE, RATE_DB },
	{ "admin_destinations", POST, "admin/destinations", RF_JSON,
	    route_admin_destination_add,
	    AUTH_KEY, KEY_ADMIN, ROUTE_GLOBAL, BODY_FORM, RATE_WRITE },
	{ "admin_destination_remove", POST, "admin/destinations/:/remove",
	    RF_JSON, route_admin_destination_remove,
	    AUTH_KEY, KEY_ADMIN, ROUTE_GLOBAL, BODY_FORM, RATE_WRITE },
	{ "servicerequestupdates", GET, "servicerequestupdates", RF_OPEN311,
	    route_updates_get,
	    AUTH_NONE, 0, 0, BODY_NONE, RATE_DB },
	{ "servicerequestupdates", POST, "servicerequestupdates", RF_OPEN311,
	    route_updates_post,
	    AUTH_KEY, KEY_BACKOFFICE | KEY_SUBMIT, 0, BODY_FORM, RATE_WRITE },
	{ "jurisdictions", GET, "jurisdictions", RF_JSON | RF_GEOJSON,
	    route_jurisdictions,
	    AUTH_NONE, 0, 0, BODY_NONE, RATE_CACHED },
	{ "export", GET, "exports/requests", RF_CSV | RF_GEOJSON, route_export,
	    AUTH_NONE, 0, 0, BODY_NONE, RATE_DB },
	{ "stats", GET, "stats", RF_JSON, route_stats,
	    AUTH_NONE, 0, 0, BODY_NONE, RATE_DB },
	{ "stats", GET, "stats", RF_PAGE, route_web_page,
	    AUTH_NONE, 0, 0, BODY_NONE, RATE_CACHED },
	{ "metrics", GET, "metrics", RF_BARE, route_metrics,
	    AUTH_KEY, KEY_ADMIN, ROUTE_LOOPBACK, BODY_NONE, RATE_CACHED },
	{ "healthz", GET, "healthz", RF_BARE, route_healthz,
	    AUTH_NONE, 0, 0, BODY_NONE, RATE_NONE },
	{ "readyz", GET, "readyz", RF_BARE, route_readyz,
	    AUTH_NONE, 0, 0, BODY_NONE, RATE_NONE },
	{ "console_page", GET, "console", RF_PAGE, route_console_page,
	    AUTH_NONE, 0, 0, BODY_NONE, RATE_CACHED },
	{ "console_page_request", GET, "console/requests/:", RF_PAGE,
	    route_console_page,
	    AUTH_NONE, 0, 0, BODY_NONE, RATE_CACHED },
	{ "console_page_admin", GET, "console/admin", RF_PAGE,
	    route_console_page,
	    AUTH_NONE, 0, 0, BODY_NONE, RATE_CACHED },
	{ "console_page_password", GET, "console/password", RF_PAGE,
	    route_console_page,
	    AUTH_NONE, 0, 0, BODY_NONE, RATE_CACHED },
	{ "console_login", POST, "console/api/login", RF_BARE,
	    route_console_login,
	    AUTH_NONE, 0, ROUTE_CONSOLE, BODY_FORM, RATE_WRITE },
	{ "console_password", POST, "console/api/password", RF_BARE,
	    route_console_password,
	    AUTH_NONE, 0, ROUTE_CONSOLE, BODY_FORM, RATE_WRITE },
	{ "console_me", GET, "console/api/me", RF_BARE, route_console_me,
	    AUTH_SESSION, STAFF_ANY, ROUTE_CONSOLE, BODY_NONE, RATE_DB },
	{ "console_logout", POST, "console/api/logout", RF_BARE,
	    route_console_logout,
	    AUTH_SESSION, STAFF_ANY, ROUTE_CONSOLE | ROUTE_CSRF, BODY_FORM,
	    RATE_WRITE },
	{ "console_logout_all", POST, "console/api/logout-all", RF_BARE,
	    route_console_logout_all,
	    AUTH_SESSION, STAFF_ANY, ROUTE_CONSOLE | ROUTE_CSRF, BODY_FORM,
	    RATE_WRITE },
	{ "console_queue", GET, "console/api/queue", RF_BARE,
	    route_console_queue,
	    AUTH_SESSION, STAFF_ANY, ROUTE_CONSOLE, BODY_NONE, RATE_DB },
	{ "console_request", GET, "console/api/requests/:", RF_BARE,
	    route_console_request,
	    AUTH_SESSION, STAFF_ANY, ROUTE_CONSOLE, BODY_NONE, RATE_DB },
	{ "console_update", POST, "console/api/requests/:/update", RF_BARE,
	    route_console_update,
	    AUTH_SESSION, STAFF_ANY, ROUTE_CONSOLE | ROUTE_CSRF, BODY_FORM,
	    RATE_WRITE },
	{ "console_link", POST, "console/api/requests/:/link", RF_BARE,
	    route_console_link,
	    AUTH_SESSION, STAFF_ANY, ROUTE_CONSOLE | ROUTE_CSRF, BODY_FORM,
	    RATE_WRITE },
	{ "console_unlink", POST, "console/api/requests/:/unlink", RF_BARE,
	    route_console_unlink,
	    AUTH_SESSION, STAFF_ANY, ROUTE_CONSOLE | ROUTE_CSRF, BODY_FORM,
	    RATE_WRITE },
	{ "console_audit", GET, "console/api/audit", RF_BARE,
	    route_console_audit,
	    AUTH_SESSION, STAFF_ADMIN, ROUTE_CONSOLE, BODY_NONE, RATE_DB },
	{ "console_outbox", GET, "console/api/outbox", RF_BARE,
	    route_console_outbox,
	    AUTH_SESSION, STAFF_ADMIN, ROUTE_CONSOLE, BODY_NONE, RATE_DB },
	{ "console_outbox_retry", POST, "console/api/outbox/:/retry", RF_BARE,
	    route_console_outbox_retry,
	    AUTH_SESSION, STAFF_ADMIN, ROUTE_CONSOLE | ROUTE_CSRF, BODY_FORM,
	    RATE_WRITE },
	{ "console_health", GET, "console/api/health", RF_BARE,
	    route_console_health,
	    AUTH_SESSION, STAFF_ADMIN, ROUTE_CONSOLE, BODY_NONE, RATE_DB },
	{ "console_dashboard", GET, "console/api/dashboard", RF_BARE,
	    route_console_dashboard,
	    AUTH_SESSION, STAFF_SUPERVISOR | STAFF_ADMIN, ROUTE_CONSOLE,
	    BODY_NONE, RATE_DB },
	{ "console_keys", GET, "console/api/keys", RF_BARE,
	    route_console_keys,
	    AUTH_SESSION, STAFF_ADMIN, ROUTE_CONSOLE, BODY_NONE, RATE_DB },
	{ "console_keys", POST, "console/api/keys", RF_BARE,
	    route_console_key_create,
	    AUTH_SESSION, STAFF_ADMIN, ROUTE_CONSOLE | ROUTE_CSRF, BODY_FORM,
	    RATE_WRITE },
	{ "console_key_revoke", POST, "console/api/keys/:/revoke", RF_BARE,
	    route_console_key_revoke,
	    AUTH_SESSION, STAFF_ADMIN, ROUTE_CONSOLE | ROUTE_CSRF, BODY_FORM,
	    RATE_WRITE },
	{ "console_staff_link", POST, "console/api/staff/:/link", RF_BARE,
	    route_console_staff_link,
	    AUTH_SESSION, STAFF_ADMIN, ROUTE_CONSOLE | ROUTE_CSRF, BODY_FORM,
	    RATE_WRITE },
	{ NULL, 0, NULL, 0, NULL, 0, 0, 0, 0, 0 }
};

const struct route_def *
route_table(void)
{
	return (routes);
}
