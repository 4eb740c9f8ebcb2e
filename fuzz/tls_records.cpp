// Fuzz target: what a connected peer can send after the handshake. A real client and server
// finish an in-memory handshake (by the first input byte: TLS 1.3, TLS 1.2 AEAD, TLS 1.2 CBC
// MAC-then-encrypt, TLS 1.2 AES-CCM or TLS 1.3 AES-CCM_8); then the input is a script of
// operations. The server seals records of any content type around fuzzer-chosen plaintext
// (post-handshake messages, alerts, bogus types, empty or padded records), raw bytes are slipped
// into the client's input, and the client reads through buffers of fuzzer-chosen sizes, writes and
// updates keys. This reaches the post-handshake parsers (NewSessionTicket, KeyUpdate,
// HelloRequest), alert handling, padding removal and the direct-read path, which a handshake-only
// target never gets past the Finished check to see.
//
// Script: [mode] then repeated [op][len_hi][len_lo][len bytes]; ops (op % 6):
//   0 the server seals one record: first byte = content type, the rest = plaintext
//   1 raw bytes appended to the client's input (odd lengths through input_space/commit_input)
//   2 the client reads until want_read, through a buffer of 64 * (first byte) bytes (0: an
//     empty buffer, which TLS 1.2's direct-read path opens zero-length records into)
//   3 the client writes the bytes
//   4 the client asks for a key update (TLS 1.3) or renegotiation (TLS 1.2)
//   5 the server writes the bytes as application data
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <memory>
#include <string>

#include "ember/crypto/provider.hpp"
#include "ember/x509/certificate.hpp"
#include "ember/x509/verify.hpp"
#include "tls/connection_impl.hpp"

namespace ember::tls {
struct TlsConnectionTestAccess {
  static void seal(Connection& c, uint8_t type, ByteView plain) {
    static_cast<TlsConnection&>(c).send_record(type, plain);
  }
};
}  // namespace ember::tls

namespace {
using namespace ember;

std::string data(const char* rel) {
  return std::string(EMBER_FUZZ_DATA_DIR) + "/" + rel;
}

struct Setup {
  std::shared_ptr<x509::TrustStore> trust = std::make_shared<x509::TrustStore>();
  static constexpr int kModes = 5;
  std::shared_ptr<tls::Config> client[kModes], server[kModes];
  Setup() {
    (void)trust->add_file(data("pki/p256/ca.crt"));
    tls::CertifiedKey ck;
    ck.chain = *x509::load_certificates_file(data("pki/p256/server-chain.crt"));
    ck.key = std::shared_ptr<const crypto::PrivateKey>(
        std::move(*crypto::default_provider().load_private_key(
            *x509::read_file(data("pki/p256/server.key")))));
    for (int m = 0; m < kModes; ++m) {
      auto c = std::make_shared<tls::Config>();
      c->role = tls::Role::client;
      c->trust = trust.get();
      c->groups = {crypto::Group::x25519, crypto::Group::secp256r1};
      auto s = std::make_shared<tls::Config>();
      s->role = tls::Role::server;
      s->verify = tls::VerifyMode::none;
      s->groups = c->groups;
      s->certificates.push_back(ck);
      if (m == 0 || m == 4) {
        c->min_version = tls::Version::tls13;
      } else {
        c->max_version = tls::Version::tls12;
        s->max_version = tls::Version::tls12;
        s->renegotiation = tls::Renegotiation::enabled;
        c->renegotiation = tls::Renegotiation::enabled;
      }
      if (m == 2) {  // CBC with the MAC-then-encrypt record check (Lucky 13 code)
        c->cipher_suites = {0xC023};
        c->encrypt_then_mac = false;
        s->encrypt_then_mac = false;
      }
      // CCM: libcrypto gives null pointers a meaning of their own there (zero-length records).
      if (m == 3) c->cipher_suites = {0xC0AC};  // TLS_ECDHE_ECDSA_WITH_AES_128_CCM
      if (m == 4) c->cipher_suites = s->cipher_suites = {0x1305};  // TLS_AES_128_CCM_8_SHA256
      client[m] = c;
      server[m] = s;
    }
  }
};

void pump(tls::Connection& from, tls::Connection& to) {
  auto out = from.pending_output();
  if (out.empty()) return;
  (void)to.receive(out);
  from.consume_output(out.size());
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* in, size_t size) {
  static Setup setup;
  if (size < 1) return 0;
  int mode = in[0] % Setup::kModes;
  auto c = tls::Connection::client(setup.client[mode], "localhost");
  auto s = tls::Connection::server(setup.server[mode]);
  if (!c || !s) return 0;
  tls::Connection& client = **c;
  tls::Connection& server = **s;
  for (int i = 0; i < 10 && !(client.handshake_done() && server.handshake_done()); ++i) {
    (void)client.handshake();
    pump(client, server);
    (void)server.handshake();
    pump(server, client);
  }
  if (!client.handshake_done() || !server.handshake_done()) __builtin_trap();  // setup broke

  size_t pos = 1;
  uint8_t buf[16384 + 300];
  for (int ops = 0; ops < 64 && pos + 3 <= size; ++ops) {
    uint8_t op = in[pos] % 6;
    size_t len = (static_cast<size_t>(in[pos + 1]) << 8) | in[pos + 2];
    pos += 3;
    if (len > size - pos) len = size - pos;
    ByteView arg(in + pos, len);
    pos += len;
    switch (op) {
      case 0:
        if (!arg.empty()) tls::TlsConnectionTestAccess::seal(server, arg[0], arg.subspan(1));
        pump(server, client);
        break;
      case 1:
        if (len % 2 == 0) {
          (void)client.receive(arg);
        } else {  // the zero-copy way, with more room than is committed
          MutableByteView space = client.input_space(len + 64);
          std::memcpy(space.data(), arg.data(), len);
          (void)client.commit_input(len);
        }
        break;
      case 2: {
        size_t room = (arg.empty() ? 256 : arg[0]) * 64;
        if (room > sizeof buf) room = sizeof buf;
        for (int r = 0; r < 64; ++r)
          if (!client.read(MutableByteView(room == 0 ? nullptr : buf, room))) break;
        break;
      }
      case 3:
        (void)client.write(arg);
        pump(client, server);
        break;
      case 4:
        if (mode == 0 || mode == 4) {
          (void)client.key_update(!arg.empty() && (arg[0] & 1));
        } else {
          (void)client.renegotiate();
        }
        pump(client, server);
        break;
      case 5:
        (void)server.write(arg);
        pump(server, client);
        break;
    }
    // The server answers what the client sent (KeyUpdate, renegotiation, data).
    for (int r = 0; r < 4 && server.read(MutableByteView(buf, sizeof buf)); ++r) {
    }
    if (!server.handshake_done()) (void)server.handshake();
    pump(server, client);
  }
  return 0;
}
