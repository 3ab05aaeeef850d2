#ifndef MAILTLS_SASL_SHIM_H
#define MAILTLS_SASL_SHIM_H

/* Cyrus SASL: callback tables, which Swift cannot build (each proc is cast to int (*)(void)).
   Plain C types only, so that importing this does not pull sasl.h into other targets. Both
   tables are static and live for the whole process, as Cyrus keeps the pointers. Only the
   SASL target imports this. */

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
