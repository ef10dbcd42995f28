/*
** pages_admin.h — what the pages of pages_admin.c (login, upload, editing
** a document's metadata, beheer, audit) expose besides their route table
** (admin_routes in pages.h): the pieces tests check on their own.
*/
#ifndef OVERLEG_PAGES_ADMIN_H
#define OVERLEG_PAGES_ADMIN_H

/* Is z a path on this server that the login may send the browser back to
** ("?terug=")?  1 for "/..." of printable ASCII without spaces, 0 for
** NULL, "", "//host", "/\host", "https://...", anything else: so the login
** cannot be used to redirect elsewhere, nor to inject a header. */
int admin_safe_return(const char *z);

#endif
