// CSystemZlib: zlib (Debian's zlib1g-dev), for reading gzip files (IDX data sets, bundled CSVs).
#include <zlib.h>
