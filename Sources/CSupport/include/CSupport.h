#ifndef CLIENTELE_CSUPPORT_H
#define CLIENTELE_CSUPPORT_H

/// Asks the CPU to start loading the cache line at `address` (a hint; never faults).
/// Used by the interner to overlap the cache misses of several hash-table lookups.
static inline void clientele_prefetch(const void *address) {
    __builtin_prefetch(address, 0, 3);
}

#endif
