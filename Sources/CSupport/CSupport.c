// The prefetch hint is inline in include/CSupport.h; the mapping guard is in MappedGuard.c.
#include "CSupport.h"
