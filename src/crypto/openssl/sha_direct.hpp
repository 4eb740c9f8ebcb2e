// SHA-256 / SHA-384 hashes and HMACs with inline state (sha_direct.cpp): nullptr for the
// other algorithms, which go through EVP.
#pragma once

#include <memory>

#include "ember/crypto/provider.hpp"

namespace ember::crypto::openssl {

std::unique_ptr<Hash> direct_hash(HashAlg alg);
std::unique_ptr<Hmac> direct_hmac(HashAlg alg, ByteView key);
// One-shot digest into out (at least the hash size); false when alg is not handled here.
bool direct_digest(HashAlg alg, ByteView data, MutableByteView out);

}  // namespace ember::crypto::openssl
