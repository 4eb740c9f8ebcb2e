// A verified TLS client: checks the server's chain and host name, sends a request, prints the
// reply. Usage: verified_client HOST PORT CA_FILE
#include <cstdio>
#include <cstdlib>
#include <string>

#include "ember/io/stream.hpp"

int main(int argc, char** argv) {
  if (argc != 4) return 2;
  auto fail = [](const char* what, ember::Error e) {
    std::fprintf(stderr, "%s: %s\n", what, std::string(ember::error_message(e)).c_str());
    return 1;
  };
  auto trust = std::make_shared<ember::x509::TrustStore>();
  if (auto st = trust->add_file(argv[3]); !st) return fail(argv[3], st.error());
  auto cfg = std::make_shared<ember::tls::Config>();  // a client; TLS 1.2-1.3; verify required
  cfg->trust = trust.get();
  cfg->trust_owner = trust;

  auto sock = ember::io::Socket::connect(argv[1], uint16_t(std::atoi(argv[2])), 10000);
  if (!sock) return fail("connect", sock.error());
  auto conn = ember::tls::Connection::client(cfg, argv[1]);  // the host name is checked too
  if (!conn) return fail("config", conn.error());
  auto stream = ember::io::Stream::for_socket(**conn, *sock, 10000);
  if (auto st = stream.handshake(); !st) return fail("handshake", st.error());
  if (auto n = stream.write(ember::as_bytes("GET / HTTP/1.0\r\n\r\n")); !n)
    return fail("write", n.error());
  uint8_t buf[4096];
  while (auto n = stream.read(buf)) std::fwrite(buf, 1, *n, stdout);
  (void)stream.close_notify();
  return 0;
}
