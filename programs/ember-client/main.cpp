// ember-client: connects, handshakes, prints one line describing the session, optionally sends
// a request and prints the reply, and can reconnect resuming the session.
#include <cstdio>
#include <cstring>
#include <string>

#include "../common/tls_options.hpp"
#include "ember/io/stream.hpp"

namespace {

using namespace ember;
constexpr const char* kProg = "ember-client";

void print_usage(FILE* out) {
  std::fprintf(
      out,
      "ember-client: connect to a TLS 1.2/1.3 server, verify it, print one line describing the\n"
      "session, optionally send a request and print the reply, and reconnect resuming it.\n"
      "\n"
      "usage: ember-client --connect HOST:PORT (--cafile FILE | --capath DIR | --no-verify) "
      "[options]\n"
      "\n"
      "Connection:\n"
      "  --connect HOST:PORT           server to connect to (required; [::1]:PORT for IPv6)\n"
      "  --servername NAME             SNI and the name the certificate must match (default: "
      "HOST)\n"
      "  --no-verify                   do not require a valid server certificate; prints the "
      "flags (default: verify)\n"
      "  --cert FILE                   client certificate chain, PEM (default: none)\n"
      "  --key FILE                    private key of --cert (default: none)\n"
      "  --request STRING              send STRING (\\r \\n \\t escapes), print the reply "
      "until close (default: none)\n"
      "  --reconnect N                 connect N more times resuming the session (default: 0)\n"
      "  --renegotiate                 TLS 1.2: renegotiate after the handshake (default: no)\n"
      "  --max-fragment 512|1024|2048|4096\n"
      "                                TLS 1.2: ask for RFC 6066 max_fragment_length (default: "
      "none)\n"
      "  --fallback-scsv               TLS 1.2: send TLS_FALLBACK_SCSV (default: no)\n"
      "%s"
      "\n"
      "Output: \"handshake: version=... suite=... group=... sigalg=... resumed=... verify=ok\" "
      "on stdout;\n"
      "errors as \"ember-client: <reason>\" on stderr. Exit status 0 on success, 1 on any "
      "failure.\n"
      "\n"
      "Example:\n"
      "  ember-client --connect localhost:4433 --cafile tests/data/pki/p256/ca.crt \\\n"
      "      --request 'GET / HTTP/1.0\\r\\n\\r\\n' --reconnect 1\n",
      programs::common_help());
}

[[noreturn]] void usage(const std::string& why) {
  programs::die(kProg, why + " (--help for usage)");
}

std::string unescape(const std::string& s) {
  std::string out;
  for (size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '\\' && i + 1 < s.size()) {
      char n = s[++i];
      out += n == 'r' ? '\r' : n == 'n' ? '\n' : n == 't' ? '\t' : n;
    } else {
      out += s[i];
    }
  }
  return out;
}

}  // namespace

int main(int argc, char** argv) {
  auto cfg = std::make_shared<tls::Config>();
  cfg->role = tls::Role::client;
  std::shared_ptr<x509::TrustStore> trust;
  std::string connect, servername, cert, key, request;
  int reconnect = 0;
  bool no_verify = false;
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
    if (a == "--connect")
      connect = next();
    else if (a == "--servername")
      servername = next();
    else if (a == "--cert")
      cert = next();
    else if (a == "--key")
      key = next();
    else if (a == "--reconnect")
      reconnect = std::atoi(next().c_str());
    else if (a == "--request")
      request = unescape(next());
    else if (a == "--no-verify")
      no_verify = true;
    else if (a == "--renegotiate")
      renegotiate = true;
    else if (a == "--max-fragment") {
      int v = std::atoi(next().c_str());
      if (v == 512)
        cfg->max_fragment_length = 1;
      else if (v == 1024)
        cfg->max_fragment_length = 2;
      else if (v == 2048)
        cfg->max_fragment_length = 3;
      else if (v == 4096)
        cfg->max_fragment_length = 4;
      else
        usage("--max-fragment wants 512, 1024, 2048 or 4096");
    } else if (a == "--fallback-scsv")
      cfg->fallback_scsv = true;
    else
      usage("unknown option " + a);
  }
  size_t colon = connect.rfind(':');
  if (connect.empty()) usage("--connect HOST:PORT is required");
  if (colon == std::string::npos) usage("--connect wants HOST:PORT");
  std::string host = connect.substr(0, colon);
  if (host.size() > 2 && host.front() == '[' && host.back() == ']')
    host = host.substr(1, host.size() - 2);
  int port = std::atoi(connect.c_str() + colon + 1);
  if (port <= 0 || port > 65535) programs::die(kProg, "bad port in --connect");
  if (servername.empty()) servername = host;
  if (renegotiate) cfg->renegotiation = tls::Renegotiation::enabled;
  if (no_verify) {
    cfg->verify = tls::VerifyMode::none;
  } else {
    if (!trust) programs::die(kProg, "--cafile or --capath is required (or --no-verify)");
    cfg->verify = tls::VerifyMode::required;
  }
  if (trust) {
    cfg->trust = trust.get();
    cfg->trust_owner = trust;
  }
  if (!cert.empty() || !key.empty()) {
    if (cert.empty() || key.empty()) programs::die(kProg, "--cert and --key go together");
    programs::add_cert_and_key(kProg, *cfg, cert, key);
  }

  Bytes session;
  for (int round = 0; round <= reconnect; ++round) {
    std::string why;
    auto sock = io::Socket::connect(host, static_cast<uint16_t>(port), 10000, &why);
    if (!sock) programs::die(kProg, why.empty() ? std::string(error_message(sock.error())) : why);
    auto conn = tls::Connection::client(cfg, servername);
    if (!conn) programs::die(kProg, std::string(error_message(conn.error())));
    if (!session.empty()) (void)(*conn)->set_session(session);
    auto stream = io::Stream::for_socket(**conn, *sock, 10000);
    if (auto st = stream.handshake(); !st)
      programs::die(
          kProg, "handshake failed: " + programs::describe_failure(**conn, st.error(), servername));
    const auto& info = (*conn)->info();
    std::string verify =
        info.verify_flags == 0 ? "ok" : programs::describe_verify_flags(info.verify_flags);
    std::printf("handshake: version=%s suite=%s group=%s sigalg=%s resumed=%s verify=%s alpn=%s\n",
                std::string(tls::version_name(info.version)).c_str(),
                std::string(tls::suite_name(info.cipher_suite)).c_str(),
                info.group ? std::string(crypto::group_name(*info.group)).c_str() : "-",
                info.signature_scheme
                    ? std::string(crypto::signature_scheme_name(*info.signature_scheme)).c_str()
                    : "-",
                info.resumed ? "yes" : "no", verify.c_str(),
                info.alpn.empty() ? "-" : info.alpn.c_str());
    std::fflush(stdout);
    if (renegotiate) {
      if (auto st = (*conn)->renegotiate(); !st)
        programs::die(kProg, "renegotiation refused: " + std::string(error_message(st.error())));
      if (auto st = stream.handshake(); !st)
        programs::die(kProg, "renegotiation failed: " +
                                 programs::describe_failure(**conn, st.error(), servername));
      std::printf("renegotiated: version=%s suite=%s secure=%s\n",
                  std::string(tls::version_name(info.version)).c_str(),
                  std::string(tls::suite_name(info.cipher_suite)).c_str(),
                  info.secure_renegotiation ? "yes" : "no");
      std::fflush(stdout);
    }
    if (!request.empty()) {
      if (auto w = stream.write(as_bytes(request)); !w)
        programs::die(kProg, "write failed: " + std::string(error_message(w.error())));
      uint8_t buf[16384];
      while (true) {
        auto n = stream.read(buf);
        if (!n) {
          if (n.error() == Error::peer_close_notify || n.error() == Error::connection_closed) break;
          programs::die(kProg, "read failed: " + programs::describe_failure(**conn, n.error()));
        }
        std::fwrite(buf, 1, *n, stdout);
      }
      std::fflush(stdout);
    } else if (round < reconnect && cfg->tickets && info.version == tls::Version::tls13) {
      // Wait briefly for the server's NewSessionTicket.
      uint8_t buf[256];
      auto quick = io::Stream::for_socket(**conn, *sock, 1000);
      (void)quick.read(buf);
    }
    if (!renegotiate && info.renegotiations > 0)
      std::printf("renegotiated by the server: %u time(s), secure=%s\n", info.renegotiations,
                  info.secure_renegotiation ? "yes" : "no");
    session = (*conn)->export_session();
    (void)stream.close_notify();
  }
  return 0;
}
