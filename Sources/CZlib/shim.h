#ifndef CZLIB_SHIM_H
#define CZLIB_SHIM_H
#include <zlib.h>
/* inflateInit2 is a macro; Swift cannot call macros with arguments. */
static inline int czlib_inflate_init(z_stream *s) {
    /* 15 window bits + 32: a gzip or zlib header, detected. */
    return inflateInit2(s, 15 + 32);
}
#endif
