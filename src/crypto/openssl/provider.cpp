#include "crypto/openssl/openssl_provider.hpp"

namespace ember::crypto {

namespace openssl {
OpenSslProvider::OpenSslProvider() : sym_(make_sym_state()), asym_(make_asym_state()) {}
OpenSslProvider::~OpenSslProvider() = default;
}  // namespace openssl

const Provider& default_provider() {
  static const openssl::OpenSslProvider provider;
  return provider;
}

}  // namespace ember::crypto
