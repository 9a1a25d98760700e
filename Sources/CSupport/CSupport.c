// The target's only API is the inline function in include/CSupport.h.
#include "CSupport.h"
