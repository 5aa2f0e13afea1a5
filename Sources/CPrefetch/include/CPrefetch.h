#ifndef ORGGRAPH_CPREFETCH_H
#define ORGGRAPH_CPREFETCH_H

/* Asks the processor to start loading the cache line at address, for a read soon after, without
   waiting for it (Swift has no such call of its own). Any address may be given: a prefetch
   never faults. */
static inline void orggraph_prefetch(const void *address) {
    __builtin_prefetch(address, 0, 3);
}

#endif
