// libFuzzer's entry for programs with their own main (LLVM's FuzzerInterface.h): it parses
// libFuzzer's options from argv and calls UserCb with each input. Linked by -sanitize=fuzzer.
#include <stddef.h>
#include <stdint.h>

int LLVMFuzzerRunDriver(int *argc, char ***argv, int (*UserCb)(const uint8_t *Data, size_t Size));
