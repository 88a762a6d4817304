#ifndef CZLIB_SHIM_H
#define CZLIB_SHIM_H
#include <zlib.h>
/* inflateInit2 is a macro; Swift cannot call macros with arguments. */
static inline int czlib_inflate_init(z_stream *s) {
    /* 15 window bits + 32: a gzip or zlib header, detected. */
    return inflateInit2(s, 15 + 32);
}
/* deflateInit2 likewise: gzip output (15 window bits + 16) at `level` (1 fastest ... 9). */
static inline int czlib_deflate_init_gzip(z_stream *s, int level) {
    return deflateInit2(s, level, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY);
}
#endif
