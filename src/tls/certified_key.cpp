// CertifiedKey::check and Config::add_certificate: a server (or a client authenticating itself)
// must not start with a private key that is not its certificate's, which would only show up
// later as the peer's decrypt_error alert.
#include "ember/tls/config.hpp"

namespace ember::tls {

Status CertifiedKey::check() const {
  if (chain.empty() || !chain.front() || !key) return Error::invalid_argument;
  const crypto::PublicKey* cert_key = chain.front()->public_key();
  if (cert_key == nullptr) return Error::unsupported_algorithm;
  if (!key->public_key().same_key(*cert_key)) return Error::key_mismatch;
  return {};
}

Status Config::add_certificate(CertifiedKey certified_key) {
  EMBER_TRY(certified_key.check());
  certificates.push_back(std::move(certified_key));
  return {};
}

}  // namespace ember::tls
