#ifndef CLIENTELE_CSUPPORT_H
#define CLIENTELE_CSUPPORT_H

/// Asks the CPU to start loading the cache line at `address` (a hint; never faults).
/// Used by the interner to overlap the cache misses of several hash-table lookups.
static inline void clientele_prefetch(const void *address) {
    __builtin_prefetch(address, 0, 3);
}

#include <stddef.h>

/// Guards a read-only file mapping against SIGBUS (the file truncated while mapped): a fault
/// inside it maps a zero page instead of killing the process. Returns a slot for
/// `clientele_unguard_mapping`, or -1 when every slot is taken (then do not map).
int clientele_guard_mapping(const void *base, size_t length);

/// Stops guarding `slot` (before unmapping). Returns 1 if a fault was absorbed (the file was
/// truncated while being read), else 0.
int clientele_unguard_mapping(int slot);

/// Lets glibc's allocator use at most `count` arenas. By default it gives each new thread one
/// (up to 8 per core), and memory freed in one arena is not reused by threads of another, so
/// work handed between threads grows the process. A no-op without glibc.
void clientele_limit_malloc_arenas(int count);

/// Hands the memory freed in every arena back to the system. A no-op without glibc.
void clientele_return_freed_memory(void);

#endif
