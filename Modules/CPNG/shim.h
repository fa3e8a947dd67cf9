// CPNG: libpng (Debian's libpng-dev), for writing and reading PNG images through its simplified
// API (png_image_*), which reports errors in the image's `message` instead of longjmp.
#include <png.h>
