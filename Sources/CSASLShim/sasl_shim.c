#include "sasl_shim.h"
#include <sasl/sasl.h>

static int mailtls_sasl_drop_log(void *context, int level, const char *message) {
    (void)context; (void)level; (void)message;
    return SASL_OK;
}

#include <string.h>

/* Plugin stems ("plain", "scram") Cyrus may load, separated by commas; empty: all of them. */
static char mailtls_sasl_plugins[256];

void mailtls_sasl_restrict_plugins(const char *stems) {
    strncpy(mailtls_sasl_plugins, stems, sizeof mailtls_sasl_plugins - 1);
}

/* Cyrus asks before it dlopens each plugin file: admit only lib<stem>.* for the listed stems.
   Loading every installed plugin (and OpenSSL, libdb behind some) costs about 3 ms a run. */
static int mailtls_sasl_verify_file(void *context, const char *file, sasl_verify_type_t type) {
    (void)context;
    if (type != SASL_VRFY_PLUGIN || mailtls_sasl_plugins[0] == '\0') return SASL_OK;
    const char *base = strrchr(file, '/');
    base = base ? base + 1 : file;
    if (strncmp(base, "lib", 3) != 0) return SASL_CONTINUE;
    base += 3;
    size_t length = strcspn(base, ".");
    const char *cursor = mailtls_sasl_plugins;
    while (*cursor) {
        size_t stem = strcspn(cursor, ",");
        if (stem == length && strncmp(cursor, base, length) == 0) return SASL_OK;
        cursor += stem;
        if (*cursor == ',') cursor++;
    }
    return SASL_CONTINUE;
}

static const sasl_callback_t mailtls_sasl_global[] = {
    { SASL_CB_LOG, (int (*)(void))mailtls_sasl_drop_log, NULL },
    { SASL_CB_VERIFYFILE, (int (*)(void))mailtls_sasl_verify_file, NULL },
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
