#ifndef MAILTLS_GNUTLS_SHIM_H
#define MAILTLS_GNUTLS_SHIM_H

/* What Swift cannot import from GnuTLS directly: macros, function-pointer variables and
   negative-cast constants. Everything else is called from Swift through CGnuTLS. Only the
   GnuTLS backend target imports this. */

/* gnutls_free is a macro over a function-pointer variable. */
void mailtls_gnutls_free(void *pointer);

/* GNUTLS_DEFAULT_HANDSHAKE_TIMEOUT and GNUTLS_INDEFINITE_TIMEOUT are ((unsigned)-1)-style casts. */
unsigned int mailtls_gnutls_indefinite_timeout(void);

/* GnuTLS's check for a pull-timeout callback that wants to wait forever. */
int mailtls_is_indefinite_timeout(unsigned int milliseconds);

#endif
