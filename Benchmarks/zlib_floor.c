/*
 * zlib floor: the fastest one thread can inflate a .gz with the system zlib.
 *
 *     cc -O2 -o .build-bench/zlib_floor zlib_floor.c -lz
 *     .build-bench/zlib_floor data/access-10M.log.gz
 *
 * A bare gzopen + gzread loop into a 1 MiB buffer until end of file. It does no work on the
 * bytes (no newline counting, no parsing), so its wall time is the lower bound for any tool
 * that reads the same .gz with zlib on one core. gzread continues across concatenated gzip
 * members. Prints the number of inflated bytes; exits 2 on a read error.
 */
#include <stdio.h>
#include <zlib.h>

enum { BUFFER_SIZE = 1 << 20 };
static unsigned char buffer[BUFFER_SIZE];

int main(int argc, char **argv) {
    if (argc != 2) {
        fprintf(stderr, "usage: %s FILE.gz\n", argv[0]);
        return 1;
    }
    gzFile file = gzopen(argv[1], "rb");
    if (file == NULL) {
        perror(argv[1]);
        return 2;
    }
    unsigned long long total = 0;
    for (;;) {
        int n = gzread(file, buffer, BUFFER_SIZE);
        if (n < 0) {
            int code = 0;
            fprintf(stderr, "%s: %s after %llu bytes\n", argv[1], gzerror(file, &code), total);
            gzclose(file);
            return 2;
        }
        if (n == 0) {
            break;
        }
        total += (unsigned long long)n;
    }
    gzclose(file);
    printf("%llu\n", total);
    return 0;
}
