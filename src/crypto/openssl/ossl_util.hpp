// RAII wrappers for libcrypto objects (private to src/crypto/openssl/).
#pragma once

#include <openssl/bn.h>
#include <openssl/evp.h>
#include <openssl/param_build.h>

#include <memory>

namespace ember::crypto::openssl {

template <auto Fn>
struct Free {
  template <class T>
  void operator()(T* p) const noexcept {
    Fn(p);
  }
};

using CipherCtxPtr = std::unique_ptr<EVP_CIPHER_CTX, Free<EVP_CIPHER_CTX_free>>;
using MdCtxPtr = std::unique_ptr<EVP_MD_CTX, Free<EVP_MD_CTX_free>>;
using MacCtxPtr = std::unique_ptr<EVP_MAC_CTX, Free<EVP_MAC_CTX_free>>;
using PkeyPtr = std::unique_ptr<EVP_PKEY, Free<EVP_PKEY_free>>;
using PkeyCtxPtr = std::unique_ptr<EVP_PKEY_CTX, Free<EVP_PKEY_CTX_free>>;
using BnPtr = std::unique_ptr<BIGNUM, Free<BN_free>>;
using ParamBldPtr = std::unique_ptr<OSSL_PARAM_BLD, Free<OSSL_PARAM_BLD_free>>;
using ParamPtr = std::unique_ptr<OSSL_PARAM, Free<OSSL_PARAM_free>>;

// Prefetched message digests, indexed by HashAlg. Owned by the provider, never freed early.
const EVP_MD* fetched_md(int hash_alg_index);

// An EC public key from an uncompressed point, checked on the curve (provider_kex.cpp); null
// when the point is not one. The caller owns it.
EVP_PKEY* new_ec_pkey_from_point(Curve c, ByteView point);

}  // namespace ember::crypto::openssl
