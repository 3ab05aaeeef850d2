#ifndef MAILTLS_CSHIM_H
#define MAILTLS_CSHIM_H
#endif
