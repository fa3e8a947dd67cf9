import Foundation
import NeuronaData
import Testing
import _NeuronaTestSupport

/// `Digest` against the published test vectors: FIPS 180-2's "abc" and the empty message for
/// SHA-256, RFC 1321's suite for MD5.
struct DigestTests {
    @Test func sha256MatchesFIPS180TestVectors() {
        expectEqual(Digest.sha256(Data("abc".utf8)), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        expectEqual(Digest.sha256(Data()), "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
        #expect(Digest.sha256(Data("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq".utf8))
                == "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1")
    }

    @Test func md5MatchesRFC1321TestSuite() {
        expectEqual(Digest.md5(Data()), "d41d8cd98f00b204e9800998ecf8427e")
        expectEqual(Digest.md5(Data("abc".utf8)), "900150983cd24fb0d6963f7d28e17f72")
        expectEqual(Digest.md5(Data("message digest".utf8)), "f96b697d7cb7938d525a2f31aaf161d0")
    }
}
