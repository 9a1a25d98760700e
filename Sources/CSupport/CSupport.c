// The prefetch hint is inline in include/CSupport.h; the mapping guard is in MappedGuard.c.
#include "CSupport.h"

#if defined(__linux__)
#include <malloc.h>  // defines __GLIBC__ with glibc
#endif

void clientele_limit_malloc_arenas(int count) {
#if defined(__GLIBC__)
    mallopt(M_ARENA_MAX, count);
#else
    (void)count;
#endif
}

void clientele_return_freed_memory(void) {
#if defined(__GLIBC__)
    malloc_trim(0);
#endif
}
