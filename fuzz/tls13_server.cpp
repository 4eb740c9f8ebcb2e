// Fuzz target: a TLS 1.3 server fed arbitrary bytes as the client's flight(s).
#include <cstddef>
#include <cstdint>
#include <memory>

#include "ember/tls/connection.hpp"

namespace {
std::shared_ptr<ember::tls::Config> make_config() {
  using namespace ember;
  auto cfg = std::make_shared<tls::Config>();
  cfg->role = tls::Role::server;
  cfg->verify = tls::VerifyMode::none;
  tls::CertifiedKey ck;
  std::string dir = std::string(EMBER_FUZZ_DATA_DIR) + "/pki/p256/";
  auto chain = x509::load_certificates_file(dir + "server-chain.crt");
  auto key = crypto::default_provider().load_private_key(*x509::read_file(dir + "server.key"));
  if (!chain || !key) std::abort();
  ck.chain = *chain;
  ck.key = std::shared_ptr<const crypto::PrivateKey>(std::move(*key));
  cfg->certificates.push_back(std::move(ck));
  return cfg;
}
}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static auto cfg = make_config();
  auto conn = ember::tls::Connection::server(cfg);
  if (!conn) return 0;
  // Feed in two halves to exercise record reassembly.
  (void)(*conn)->receive(ember::ByteView(data, size / 2));
  (void)(*conn)->handshake();
  (void)(*conn)->receive(ember::ByteView(data + size / 2, size - size / 2));
  (void)(*conn)->handshake();
  uint8_t buf[256];
  (void)(*conn)->read(buf);
  return 0;
}
