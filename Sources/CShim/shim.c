#include "cshim.h"
#include <gnutls/gnutls.h>

void mailtls_gnutls_free(void *pointer) { gnutls_free(pointer); }

unsigned int mailtls_gnutls_indefinite_timeout(void) { return GNUTLS_INDEFINITE_TIMEOUT; }

int mailtls_is_indefinite_timeout(unsigned int milliseconds) {
    return milliseconds == GNUTLS_INDEFINITE_TIMEOUT;
}

#include <sasl/sasl.h>

static int mailtls_sasl_drop_log(void *context, int level, const char *message) {
    (void)context; (void)level; (void)message;
    return SASL_OK;
}

static const sasl_callback_t mailtls_sasl_global[] = {
    { SASL_CB_LOG, (int (*)(void))mailtls_sasl_drop_log, NULL },
    { SASL_CB_LIST_END, NULL, NULL },
};

static const sasl_callback_t mailtls_sasl_client[] = {
    { SASL_CB_LOG, (int (*)(void))mailtls_sasl_drop_log, NULL },
    { SASL_CB_USER, NULL, NULL },
    { SASL_CB_AUTHNAME, NULL, NULL },
    { SASL_CB_PASS, NULL, NULL },
    { SASL_CB_LIST_END, NULL, NULL },
};

const void *mailtls_sasl_global_callbacks(void) { return mailtls_sasl_global; }

const void *mailtls_sasl_client_callbacks(void) { return mailtls_sasl_client; }
