// docs/tls.md's example: a client that verifies the server (chain and host name), offers ALPN,
// says why a handshake failed, and reads the reply until the server closes.
// Usage: tls_client HOST PORT CA_FILE
#include <cstdio>
#include <cstdlib>
#include <string>

#include "ember/io/stream.hpp"
#include "ember/x509/verify.hpp"

int main(int argc, char** argv) {
  if (argc != 4) {
    std::fprintf(stderr, "usage: tls_client HOST PORT CA_FILE\n");
    return 2;
  }
  const std::string host = argv[1];
  auto port = static_cast<uint16_t>(std::atoi(argv[2]));

  auto trust = std::make_shared<ember::x509::TrustStore>();
  if (auto st = trust->add_file(argv[3]); !st) {
    std::fprintf(stderr, "%s: %s\n", argv[3],
                 std::string(ember::error_message(st.error())).c_str());
    return 1;
  }
  auto cfg = std::make_shared<ember::tls::Config>();  // role client, verify required
  cfg->trust = trust.get();
  cfg->trust_owner = trust;  // the Config keeps the trust store alive
  cfg->alpn = {"http/1.1"};

  auto sock = ember::io::Socket::connect(host, port, 10000);
  if (!sock) {
    std::fprintf(stderr, "connect: %s\n", std::string(ember::error_message(sock.error())).c_str());
    return 1;
  }
  auto conn = ember::tls::Connection::client(cfg, host);  // the host name is checked
  if (!conn) return 1;
  auto stream = ember::io::Stream::for_socket(**conn, *sock, 10000);
  if (auto st = stream.handshake(); !st) {
    uint32_t flags = (*conn)->info().verify_flags;  // Mbed TLS's x509 flag values
    std::fprintf(stderr, "handshake: %s\n%s", std::string(ember::error_message(st.error())).c_str(),
                 flags != 0 ? ember::x509::verify_info(flags).c_str() : "");
    return 1;
  }
  if (auto n = stream.write(ember::as_bytes("GET / HTTP/1.0\r\n\r\n")); !n) return 1;
  uint8_t buf[16384];
  while (true) {
    auto n = stream.read(buf);
    if (!n) break;  // Error::peer_close_notify at the end
    std::fwrite(buf, 1, *n, stdout);
  }
  (void)stream.close_notify();
  return 0;
}
