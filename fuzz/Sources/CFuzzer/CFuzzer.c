// Only the declaration in include/CFuzzer.h matters; libFuzzer defines the function.
#include "CFuzzer.h"
