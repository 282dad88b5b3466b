/* A stand-in for Windows' bcryptprimitives.dll, for Wine older than 8.13 only (Debian 12 ships Wine 8.0).
 * Go's runtime (1.22 and later) draws its random numbers from ProcessPrng in bcryptprimitives.dll, which every
 * Windows 10 and 11 has and which Wine gained in 8.13; without it scitech.exe stops before main with
 * "fatal error: bcryptprimitives.dll not found". smoke.sh builds this into the throwaway Wine prefix it tests
 * in; it is never shipped. ProcessPrng is answered from RtlGenRandom (advapi32!SystemFunction036), which Wine
 * has. */
#include <windows.h>

BOOLEAN WINAPI SystemFunction036(PVOID buffer, ULONG length);

__declspec(dllexport) BOOL WINAPI ProcessPrng(PBYTE data, SIZE_T length)
{
    while (length > 0) {
        ULONG n = length > 0x40000000 ? 0x40000000 : (ULONG)length;
        if (!SystemFunction036(data, n))
            return FALSE;
        data += n;
        length -= n;
    }
    return TRUE;
}
