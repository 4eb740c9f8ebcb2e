// Symmetric primitives over libcrypto. (Stubs until implemented.)
#include "crypto/openssl/openssl_provider.hpp"

namespace ember::crypto::openssl {

struct SymState {};
SymState* make_sym_state() { return new SymState(); }
void destroy(SymState* s) noexcept { delete s; }

Result<std::unique_ptr<Hash>> OpenSslProvider::make_hash(HashAlg) const {
  return Error::unsupported;
}
Result<std::unique_ptr<Hmac>> OpenSslProvider::make_hmac(HashAlg, ByteView) const {
  return Error::unsupported;
}
Result<std::unique_ptr<Aead>> OpenSslProvider::make_aead(AeadAlg, ByteView) const {
  return Error::unsupported;
}
Result<std::unique_ptr<CbcCipher>> OpenSslProvider::make_cbc(CbcAlg, ByteView, bool) const {
  return Error::unsupported;
}
bool OpenSslProvider::supports(CbcAlg) const { return false; }
Status OpenSslProvider::hash(HashAlg, ByteView, MutableByteView) const {
  return Error::unsupported;
}
Status OpenSslProvider::random_bytes(MutableByteView) const { return Error::unsupported; }

}  // namespace ember::crypto::openssl
