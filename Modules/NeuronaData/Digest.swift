import COpenSSLCrypto
import Foundation
import NeuronaCore

/// The checksums data sets are published with, computed by OpenSSL's libcrypto (its EVP
/// interface, the one OpenSSL 3 keeps): SHA-256 and MD5, as lowercase hexadecimal.
///
/// ```swift
/// Digest.sha256(Data("abc".utf8))   // "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
/// ```
public enum Digest {
    /// The SHA-256 digest of `data`, 64 hexadecimal digits.
    public static func sha256(_ data: Data) -> String { hex(data, EVP_sha256()) }

    /// The MD5 digest of `data`, 32 hexadecimal digits (for checking downloads against published
    /// sums only: MD5 is no protection against a crafted file).
    public static func md5(_ data: Data) -> String { hex(data, EVP_md5()) }

    private static func hex(_ data: Data, _ algorithm: OpaquePointer?) -> String {
        var digest = [UInt8](repeating: 0, count: Int(EVP_MAX_MD_SIZE))
        var length: UInt32 = 0
        let succeeded = data.withUnsafeBytes { bytes in
            EVP_Digest(bytes.baseAddress, bytes.count, &digest, &length, algorithm, nil) == 1
        }
        // EVP_Digest fails only when the library cannot allocate its context or lacks the
        // algorithm, neither of which input data can cause.
        checkPrecondition(succeeded, "Digest: OpenSSL's EVP_Digest failed")
        return digest.prefix(Int(length)).map { String(format: "%02x", $0) }.joined()
    }
}
