/* For the release test only, never shipped: Rust's standard library on
 * Windows draws random numbers from ProcessPrng in bcryptprimitives.dll,
 * which every Windows since 10 has but Debian 12's wine (8.0) does not.
 * This stand-in gives wine that one function, backed by RtlGenRandom
 * (advapi32's SystemFunction036), so loa.exe starts under wine. */
#include <windows.h>

BOOLEAN WINAPI SystemFunction036(PVOID buffer, ULONG length);

__declspec(dllexport) BOOL WINAPI ProcessPrng(PBYTE data, SIZE_T length) {
    while (length > 0) {
        ULONG chunk = length > 0x7fffffff ? 0x7fffffff : (ULONG)length;
        if (!SystemFunction036(data, chunk)) {
            return FALSE;
        }
        data += chunk;
        length -= chunk;
    }
    return TRUE;
}
