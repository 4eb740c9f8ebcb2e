// ember-server: serves TLS connections on 127.0.0.1 one after another. By default it answers
// the first data received with a short HTTP/1.0 page describing the session; --echo echoes.
#include <cstdio>
#include <cstring>
#include <string>

#include "../common/tls_options.hpp"
#include "ember/io/stream.hpp"

namespace {

using namespace ember;
constexpr const char* kProg = "ember-server";

void print_usage(FILE* out) {
  std::fprintf(
      out,
      "ember-server: serve TLS 1.2/1.3 on 127.0.0.1, one connection after another; answers the\n"
      "first data received with a short HTTP/1.0 page describing the session.\n"
      "\n"
      "usage: ember-server --accept PORT --cert FILE --key FILE [options]\n"
      "\n"
      "Server:\n"
      "  --accept PORT                 TCP port on 127.0.0.1 (required; 0 = a free port, "
      "printed)\n"
      "  --cert FILE                   certificate chain, PEM, leaf first (required unless "
      "TLS 1.2 PSK only)\n"
      "  --key FILE                    private key of --cert; a key that does not match is "
      "refused (required)\n"
      "  --cert2 FILE                  second chain, e.g. RSA beside ECDSA (default: none)\n"
      "  --key2 FILE                   private key of --cert2 (default: none)\n"
      "  --verify-client none|optional|required\n"
      "                                ask for a client certificate, checked against --cafile "
      "(default: none)\n"
      "  --echo                        echo what the client sends instead of the page "
      "(default: no)\n"
      "  --count N                     exit after N connections (default: serve forever)\n"
      "  --renegotiate                 TLS 1.2: send HelloRequest after each handshake "
      "(default: no)\n"
      "  --client-renegotiation on|off TLS 1.2 with --renegotiation on: also accept "
      "renegotiations the client\n"
      "                                starts (default: off, declined with no_renegotiation)\n"
      "%s"
      "\n"
      "Output: \"listening on 127.0.0.1:PORT\", then one \"connection N: ok ...\" or "
      "\"connection N: failed: <reason>\"\n"
      "line per connection on stdout. Exit status 0 after --count connections, 1 when it "
      "cannot start.\n"
      "\n"
      "Example:\n"
      "  ember-server --accept 4433 --cert tests/data/pki/p256/server-chain.crt \\\n"
      "      --key tests/data/pki/p256/server.key --count 1\n",
      programs::common_help());
}

[[noreturn]] void usage(const std::string& why) {
  programs::die(kProg, why + " (--help for usage)");
}

std::string page(const tls::SessionInfo& info) {
  std::string subject =
      info.peer_chain.empty() ? "none" : info.peer_chain[0]->subject().to_string();
  std::string body = "embertls server\n";
  body += "version: " + std::string(tls::version_name(info.version)) + "\n";
  body += "suite: " + std::string(tls::suite_name(info.cipher_suite)) + "\n";
  body += "group: " + (info.group ? std::string(crypto::group_name(*info.group)) : "-") + "\n";
  body += std::string("resumed: ") + (info.resumed ? "yes" : "no") + "\n";
  body += "alpn: " + (info.alpn.empty() ? std::string("-") : info.alpn) + "\n";
  body += "client certificate: " + subject + "\n";
  return "HTTP/1.0 200 OK\r\nContent-Type: text/plain\r\nContent-Length: " +
         std::to_string(body.size()) + "\r\n\r\n" + body;
}

// Graceful close: stop sending, then read and drop what the client still sends (more request
// records, its close_notify) until it closes, so that closing with unread data does not
// reset the connection before the client has read our reply. Bounded to about 2 s.
void drain_before_close(io::Socket& sock) {
  sock.shutdown_write();
  uint8_t sink[4096];
  for (int i = 0; i < 64; ++i) {
    if (!sock.wait(false, 2000)) return;
    if (!sock.recv(sink)) return;
  }
}

}  // namespace

int main(int argc, char** argv) {
  auto cfg = std::make_shared<tls::Config>();
  cfg->role = tls::Role::server;
  cfg->verify = tls::VerifyMode::none;
  std::shared_ptr<x509::TrustStore> trust;
  std::string cert, key, cert2, key2;
  int port = -1;
  long count = -1;
  bool echo = false;
  bool renegotiate = false;
  for (int i = 1; i < argc; ++i) {
    std::string a = argv[i];
    auto next = [&]() -> std::string {
      if (i + 1 >= argc) usage(a + " needs a value");
      return argv[++i];
    };
    if (a == "--help" || a == "-h") {
      print_usage(stdout);
      return 0;
    }
    if (programs::common_option(kProg, a, next, *cfg, trust)) continue;
    if (a == "--accept")
      port = std::atoi(next().c_str());
    else if (a == "--cert")
      cert = next();
    else if (a == "--key")
      key = next();
    else if (a == "--cert2")
      cert2 = next();
    else if (a == "--key2")
      key2 = next();
    else if (a == "--count")
      count = std::atol(next().c_str());
    else if (a == "--echo")
      echo = true;
    else if (a == "--renegotiate")
      renegotiate = true;
    else if (a == "--client-renegotiation") {
      std::string v = next();
      if (v != "on" && v != "off") usage("--client-renegotiation wants on or off");
      cfg->client_renegotiation = v == "on";
    } else if (a == "--verify-client") {
      std::string v = next();
      if (v == "none")
        cfg->verify = tls::VerifyMode::none;
      else if (v == "optional")
        cfg->verify = tls::VerifyMode::optional;
      else if (v == "required")
        cfg->verify = tls::VerifyMode::required;
      else
        usage("--verify-client wants none, optional or required");
    } else {
      usage("unknown option " + a);
    }
  }
  if (port < 0 || port > 65535) usage("--accept PORT is required (0..65535; 0 = any free port)");
  bool psk_only = cfg->max_version == tls::Version::tls12 && !cfg->psk.empty();
  if ((cert.empty() || key.empty()) && !psk_only)
    usage("--cert and --key are required (unless --max-version tls1.2 --psk ...)");
  if (cert.empty() != key.empty()) usage("--cert and --key go together");
  if (cert2.empty() != key2.empty()) usage("--cert2 and --key2 go together");
  if (!cert.empty()) programs::add_cert_and_key(kProg, *cfg, cert, key);
  // TLS 1.2 session-ID resumption (tickets too unless --tickets off).
  cfg->session_cache = std::make_shared<tls::SessionCache>();
  if (renegotiate) cfg->renegotiation = tls::Renegotiation::enabled;
  if (!cert2.empty()) programs::add_cert_and_key(kProg, *cfg, cert2, key2);
  if (cfg->verify != tls::VerifyMode::none) {
    if (!trust) programs::die(kProg, "--verify-client needs --cafile");
  }
  if (trust) {
    cfg->trust = trust.get();
    cfg->trust_owner = trust;
  }
  std::string why;
  auto listener = io::Socket::listen("127.0.0.1", static_cast<uint16_t>(port), 16, &why);
  if (!listener)
    programs::die(kProg,
                  "listen: " + (why.empty() ? std::string(error_message(listener.error())) : why));
  std::printf("listening on 127.0.0.1:%u\n", listener->local_port());
  std::fflush(stdout);

  for (long n = 1; count < 0 || n <= count; ++n) {
    auto sock = listener->accept();
    if (!sock) continue;
    auto conn = tls::Connection::server(cfg);
    if (!conn) programs::die(kProg, std::string(error_message(conn.error())));
    auto stream = io::Stream::for_socket(**conn, *sock, 10000);
    if (auto st = stream.handshake(); !st) {
      std::printf("connection %ld: failed: %s\n", n,
                  programs::describe_failure(**conn, st.error()).c_str());
      std::fflush(stdout);
      continue;
    }
    const auto& info = (*conn)->info();
    std::printf(
        "connection %ld: ok version=%s suite=%s group=%s hrr=%s resumed=%s alpn=%s client=%s\n", n,
        std::string(tls::version_name(info.version)).c_str(),
        std::string(tls::suite_name(info.cipher_suite)).c_str(),
        info.group ? std::string(crypto::group_name(*info.group)).c_str() : "-",
        info.hello_retry ? "yes" : "no", info.resumed ? "yes" : "no",
        info.alpn.empty() ? "-" : info.alpn.c_str(),
        info.peer_chain.empty() ? "none" : info.peer_chain[0]->subject().to_string().c_str());
    std::fflush(stdout);
    if (renegotiate) {
      // Server-initiated renegotiation: HelloRequest, then the client's new handshake runs
      // inside the next read.
      if (auto st = (*conn)->renegotiate(); !st) {
        std::printf("connection %ld: renegotiation refused: %s\n", n,
                    std::string(error_message(st.error())).c_str());
      } else {
        (void)stream.flush();
      }
    }
    uint8_t buf[16384];
    if (echo) {
      while (true) {
        auto r = stream.read(buf);
        if (!r || !stream.write(ByteView(buf, *r))) break;
      }
    } else {
      auto r = stream.read(buf);
      if (r && renegotiate && (*conn)->info().renegotiations == 0) {
        // The request came before the client acted on our HelloRequest: keep reading (the
        // new handshake runs inside read) until it is done or the client stays silent.
        auto quick = io::Stream::for_socket(**conn, *sock, 1000);
        uint8_t more[256];
        for (int i = 0; i < 20 && (*conn)->info().renegotiations == 0; ++i)
          if (auto m = quick.read(more); !m && m.error() != Error::want_read) break;
      }
      if (r) (void)stream.write(as_bytes(page(info)));
    }
    if ((*conn)->info().renegotiations > 0)
      std::printf("connection %ld: renegotiated %u time(s), secure=%s\n", n,
                  (*conn)->info().renegotiations,
                  (*conn)->info().secure_renegotiation ? "yes" : "no");
    std::fflush(stdout);
    (void)stream.close_notify();
    drain_before_close(*sock);
  }
  return 0;
}
