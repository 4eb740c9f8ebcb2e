// Fuzz target: a TLS 1.3 client fed arbitrary bytes as the server's flight.
#include <cstddef>
#include <cstdint>
#include <memory>

#include "ember/tls/connection.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static auto cfg = [] {
    auto c = std::make_shared<ember::tls::Config>();
    c->role = ember::tls::Role::client;
    c->verify = ember::tls::VerifyMode::none;
    c->groups = {ember::crypto::Group::x25519};
    return c;
  }();
  auto conn = ember::tls::Connection::client(cfg, "localhost");
  if (!conn) return 0;
  (void)(*conn)->receive(ember::ByteView(data, size));
  (void)(*conn)->handshake();
  return 0;
}
