// A SIGBUS guard for read-only file mappings: when a mapped log file is truncated while it is
// being read (copytruncate rotation), touching a page past its new end raises SIGBUS. The
// handler maps a zero page over the faulting page and lets the read go on: the lost tail reads
// as NUL bytes, which the scanner skips as padding, and the mapping is flagged as truncated.
#include "include/CSupport.h"
#include <signal.h>
#include <stdatomic.h>
#include <stdint.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#define GUARD_SLOTS 64

static _Atomic(uintptr_t) guard_base[GUARD_SLOTS];
static _Atomic(uintptr_t) guard_end[GUARD_SLOTS];
static _Atomic(int) guard_truncated[GUARD_SLOTS];
static struct sigaction previous_action;
static _Atomic(int) installed;

static void on_sigbus(int signal, siginfo_t *info, void *context) {
    uintptr_t address = (uintptr_t)info->si_addr;
    for (int i = 0; i < GUARD_SLOTS; i++) {
        uintptr_t base = atomic_load(&guard_base[i]);
        if (base != 0 && address >= base && address < atomic_load(&guard_end[i])) {
            long page = sysconf(_SC_PAGESIZE);
            void *start = (void *)(address & ~(uintptr_t)(page - 1));
            if (mmap(start, (size_t)page, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0) != MAP_FAILED) {
                atomic_store(&guard_truncated[i], 1);
                return;
            }
        }
    }
    // Not ours: behave as if no handler were installed.
    sigaction(SIGBUS, &previous_action, NULL);
    raise(signal);
    (void)context;
}

int clientele_guard_mapping(const void *base, size_t length) {
    if (!atomic_exchange(&installed, 1)) {
        struct sigaction action;
        memset(&action, 0, sizeof action);
        action.sa_sigaction = on_sigbus;
        action.sa_flags = SA_SIGINFO | SA_NODEFER;
        sigemptyset(&action.sa_mask);
        sigaction(SIGBUS, &action, &previous_action);
    }
    for (int i = 0; i < GUARD_SLOTS; i++) {
        uintptr_t expected = 0;
        if (atomic_compare_exchange_strong(&guard_base[i], &expected, (uintptr_t)base)) {
            atomic_store(&guard_truncated[i], 0);
            atomic_store(&guard_end[i], (uintptr_t)base + length);
            return i;
        }
    }
    return -1;
}

int clientele_unguard_mapping(int slot) {
    if (slot < 0 || slot >= GUARD_SLOTS) return 0;
    int truncated = atomic_load(&guard_truncated[slot]);
    atomic_store(&guard_end[slot], 0);
    atomic_store(&guard_base[slot], 0);
    return truncated;
}
