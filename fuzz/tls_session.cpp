// Fuzz target: exported session blobs (TLS 1.3 tickets, TLS 1.2 IDs/tickets) given to
// Connection::set_session, then the ClientHello that offers them is built.
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
    c->clock_ms = [] { return uint64_t{1'800'000'000'000}; };  // fixed: reproducible
    return c;
  }();
  auto conn = ember::tls::Connection::client(cfg, "localhost");
  if (!conn) return 0;
  if ((*conn)->set_session(ember::ByteView(data, size))) (void)(*conn)->handshake();
  return 0;
}
