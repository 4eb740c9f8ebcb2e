// Asymmetric primitives over libcrypto. (Stubs until implemented.)
#include "crypto/openssl/openssl_provider.hpp"

namespace ember::crypto::openssl {

struct AsymState {};
AsymState* make_asym_state() { return new AsymState(); }
void destroy(AsymState* s) noexcept { delete s; }

Result<std::unique_ptr<KeyShare>> OpenSslProvider::generate_key_share(Group) const {
  return Error::unsupported;
}
Result<std::unique_ptr<DhKey>> OpenSslProvider::generate_dh(ByteView, ByteView, size_t) const {
  return Error::unsupported;
}
Result<std::unique_ptr<PublicKey>> OpenSslProvider::rsa_public_key(ByteView, ByteView) const {
  return Error::unsupported;
}
Result<std::unique_ptr<PublicKey>> OpenSslProvider::ec_public_key(Curve, ByteView) const {
  return Error::unsupported;
}
Result<std::unique_ptr<PublicKey>> OpenSslProvider::eddsa_public_key(KeyType, ByteView) const {
  return Error::unsupported;
}
Result<std::unique_ptr<PrivateKey>> OpenSslProvider::load_private_key(
    ByteView, std::optional<std::string_view>) const {
  return Error::unsupported;
}

}  // namespace ember::crypto::openssl
