#ifndef MAILTLS_CSHIM_H
#define MAILTLS_CSHIM_H

/* What Swift cannot import from GnuTLS directly: macros, function-pointer variables and
   negative-cast constants. Everything else is called from Swift through CGnuTLS. */

#include <stddef.h>

/* gnutls_free is a macro over a function-pointer variable. */
void mailtls_gnutls_free(void *pointer);

/* GNUTLS_DEFAULT_HANDSHAKE_TIMEOUT and GNUTLS_INDEFINITE_TIMEOUT are ((unsigned)-1)-style casts. */
unsigned int mailtls_gnutls_indefinite_timeout(void);

/* GnuTLS's check for a pull-timeout callback that wants to wait forever. */
int mailtls_is_indefinite_timeout(unsigned int milliseconds);

/* Cyrus SASL: callback tables, which Swift cannot build (each proc is cast to int (*)(void)).
   Plain C types only, so that importing CShim does not pull sasl.h into other targets. Both
   tables are static and live for the whole process, as Cyrus keeps the pointers. */

/* For sasl_client_init: a log callback that drops Cyrus's messages (without one Cyrus logs to
   syslog); the text of a failure is read with sasl_errdetail instead. */
const void *mailtls_sasl_global_callbacks(void);

/* For sasl_client_new: the same log callback, and the authorization name (SASL_CB_USER),
   authentication name (SASL_CB_AUTHNAME) and password (SASL_CB_PASS) registered with a NULL
   proc, so Cyrus asks for them through the interact loop (SASL_INTERACT). */
const void *mailtls_sasl_client_callbacks(void);

/* Before sasl_client_init: load only the plugins whose file is lib<stem>.* for the given
   comma-separated stems (the global table's SASL_CB_VERIFYFILE checks it); "" loads all. */
void mailtls_sasl_restrict_plugins(const char *stems);

#endif
