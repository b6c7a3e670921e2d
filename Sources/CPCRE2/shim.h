#ifndef CPCRE2_SHIM_H
#define CPCRE2_SHIM_H
#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>
#include <stdint.h>

/// `PCRE2_ZERO_TERMINATED` is a cast macro that Swift cannot import.
static inline size_t cpcre2_zero_terminated(void) { return PCRE2_ZERO_TERMINATED; }
/// `PCRE2_UNSET` is likewise a cast macro.
static inline size_t cpcre2_unset(void) { return PCRE2_UNSET; }

/// A callout that makes a loop drop an iteration that matched the empty string, as Go's
/// regexp engine does (PCRE2 accepts one such iteration and then leaves the loop). Go still
/// allows an empty first iteration.
///
/// `data` points to pairs of int32, indexed by callout number: the group number of an empty
/// marker group placed at the start of each iteration, and the number of a marker group
/// placed before the loop (0 for none).
static inline int cpcre2_drop_empty_iteration(pcre2_callout_block_8 *block, void *data) {
    const int32_t *table = (const int32_t *)data;
    uint32_t n = block->callout_number;
    int32_t marker = table[2 * n];
    int32_t loop = table[2 * n + 1];
    if (marker <= 0 || (uint32_t)marker >= block->capture_top) return 0;
    PCRE2_SIZE start = block->offset_vector[2 * marker];
    if (start != block->current_position) return 0;
    if (loop > 0 && (uint32_t)loop < block->capture_top && block->offset_vector[2 * loop] == start) return 0;
    return 1;
}

/// Installs `cpcre2_drop_empty_iteration` with its table on a match context.
static inline int cpcre2_set_drop_empty_iteration(pcre2_match_context_8 *context, int32_t *table) {
    return pcre2_set_callout_8(context, cpcre2_drop_empty_iteration, table);
}
#endif
