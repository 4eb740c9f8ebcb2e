// The libcrypto-backed Provider. Its methods are split by family across provider_sym.cpp
// (hashes, HMAC, AEAD, CBC, random) and provider_asym.cpp (key exchange, keys, signatures);
// each file keeps its prefetched algorithms in its own state struct.
#pragma once

#include <memory>

#include "ember/crypto/provider.hpp"

namespace ember::crypto::openssl {

struct SymState;             // defined in provider_sym.cpp
struct AsymState;            // defined in provider_asym.cpp
SymState* make_sym_state();  // owned by the provider
AsymState* make_asym_state();
void destroy(SymState* s) noexcept;
void destroy(AsymState* s) noexcept;

class OpenSslProvider final : public Provider {
 public:
  OpenSslProvider();
  ~OpenSslProvider() override;

  Result<std::unique_ptr<Hash>> make_hash(HashAlg alg) const override;
  Result<std::unique_ptr<Hmac>> make_hmac(HashAlg alg, ByteView key) const override;
  Result<std::unique_ptr<Aead>> make_aead(AeadAlg alg, ByteView key) const override;
  Result<std::unique_ptr<CbcCipher>> make_cbc(CbcAlg alg, ByteView key,
                                              bool encrypt) const override;
  bool supports(CbcAlg alg) const override;
  Status hash(HashAlg alg, ByteView data, MutableByteView out) const override;
  Status random_bytes(MutableByteView out) const override;

  Result<std::unique_ptr<KeyShare>> generate_key_share(Group group) const override;
  Result<std::unique_ptr<KeyShare>> key_share_from_private(Group group,
                                                           ByteView private_key) const override;
  Result<std::unique_ptr<DhKey>> generate_dh(ByteView p, ByteView g,
                                             size_t min_prime_bits) const override;
  Result<std::unique_ptr<PublicKey>> rsa_public_key(ByteView modulus,
                                                    ByteView exponent) const override;
  Result<std::unique_ptr<PublicKey>> ec_public_key(Curve curve, ByteView point) const override;
  Result<std::unique_ptr<PublicKey>> eddsa_public_key(KeyType type, ByteView raw) const override;
  Result<std::unique_ptr<PrivateKey>> load_private_key(
      ByteView pem_or_der, std::optional<std::string_view> password) const override;

 private:
  struct SymDeleter {
    void operator()(SymState* s) const noexcept { destroy(s); }
  };
  struct AsymDeleter {
    void operator()(AsymState* s) const noexcept { destroy(s); }
  };
  std::unique_ptr<SymState, SymDeleter> sym_;
  std::unique_ptr<AsymState, AsymDeleter> asym_;
};

}  // namespace ember::crypto::openssl
