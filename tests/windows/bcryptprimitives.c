/*
 * A stand-in for Windows' bcryptprimitives.dll, used only to run Sonae's Windows builds under
 * Wine 8, which lacks that DLL. Rust's standard library (1.78 and later) imports ProcessPrng from
 * it for its random numbers, so without it every Rust program exits at once under Wine. Windows 10
 * and 11 have the real DLL: this one is never shipped with Sonae.
 *
 * ProcessPrng fills the buffer from the system's generator; here that is RtlGenRandom, which
 * advapi32 exports under the name SystemFunction036.
 */
#include <windows.h>

BOOLEAN WINAPI SystemFunction036(PVOID buffer, ULONG length);

BOOL WINAPI ProcessPrng(PBYTE data, SIZE_T length)
{
    /* RtlGenRandom takes a 32-bit length: fill larger buffers a gigabyte at a time. */
    while (length > 0) {
        ULONG chunk = length > 0x40000000 ? 0x40000000 : (ULONG)length;
        if (!SystemFunction036(data, chunk))
            return FALSE;
        data += chunk;
        length -= chunk;
    }
    return TRUE;
}
