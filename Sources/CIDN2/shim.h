#ifndef MAILTLS_CIDN2_SHIM_H
#define MAILTLS_CIDN2_SHIM_H
/* libidn2 (IDNA2008, with UTS #46 mapping): only the IDN target imports this module. */
#include <idn2.h>
#endif
