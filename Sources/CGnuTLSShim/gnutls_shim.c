#include "gnutls_shim.h"
#include <gnutls/gnutls.h>

void mailtls_gnutls_free(void *pointer) { gnutls_free(pointer); }

unsigned int mailtls_gnutls_indefinite_timeout(void) { return GNUTLS_INDEFINITE_TIMEOUT; }

int mailtls_is_indefinite_timeout(unsigned int milliseconds) {
    return milliseconds == GNUTLS_INDEFINITE_TIMEOUT;
}
