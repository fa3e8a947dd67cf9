// COpenSSLCrypto: OpenSSL's libcrypto (Debian's libssl-dev), for the SHA-256 and MD5 checksums of
// downloaded data sets. A system library compiles nothing: swift-crypto, used for this before,
// compiled BoringSSL's ~360 C and assembly files into every clean build for two digests.
#include <openssl/evp.h>
