// In-memory TLS 1.3 handshakes: client and server in one thread over memory pipes (no
// sockets), CPU time counted separately for each side, embertls <-> embertls and
// OpenSSL <-> OpenSSL (memory BIOs) with the same parameters: X25519, a root -> intermediate
// -> leaf ECDSA P-256 chain verified by the client with its host name, TLS_AES_128_GCM_SHA256.
// Also: bulk transfer with 16 KiB records, 16-byte records (in memory, and over a socketpair
// through io::Stream / SSL_set_fd), the same records sealed and
// opened with bare libcrypto AES-128-GCM (BM_raw_gcm_records: the floor a record layer on
// libcrypto can reach), and the "limit" — the summed cost of the handshake's public-key
// operations timed in the same run.
//
//   ninja -C build-bench handshake_bench && build-bench/bench/handshake_bench
#include <benchmark/benchmark.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/ssl.h>
#include <openssl/x509v3.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#include <string>

#include "alloc_counter.hpp"
#include "ember/io/stream.hpp"
#include "ember/tls/connection.hpp"
#include "side_clock.hpp"

namespace {

using namespace ember;

std::string pki(const std::string& f) {
  return std::string(EMBER_SOURCE_DIR) + "/tests/data/pki/p256/" + f;
}

using bench::SideClock;

// ---------------------------------------------------------------- embertls

struct EmberSetup {
  // server: no tickets (as the OpenSSL full-handshake run); server_tickets: for resumption.
  std::shared_ptr<tls::Config> client, server, server_tickets;
  std::shared_ptr<x509::TrustStore> trust;
  EmberSetup() {
    trust = std::make_shared<x509::TrustStore>();
    (void)trust->add_file(pki("ca.crt"));
    client = std::make_shared<tls::Config>();
    client->role = tls::Role::client;
    client->trust = trust.get();
    client->groups = {crypto::Group::x25519};
    client->cipher_suites = {0x1301};
    server = std::make_shared<tls::Config>();
    server->role = tls::Role::server;
    server->verify = tls::VerifyMode::none;
    server->groups = {crypto::Group::x25519};
    server->cipher_suites = {0x1301};
    tls::CertifiedKey ck;
    ck.chain = *x509::load_certificates_file(pki("server-chain.crt"));
    ck.key = std::shared_ptr<const crypto::PrivateKey>(std::move(
        *crypto::default_provider().load_private_key(*x509::read_file(pki("server.key")))));
    server->certificates.push_back(std::move(ck));
    server_tickets = std::make_shared<tls::Config>(*server);
    server->tickets = false;
  }
};

EmberSetup& ember_setup() {
  static EmberSetup s;
  return s;
}

bool ember_handshake(std::unique_ptr<tls::Connection>& c, std::unique_ptr<tls::Connection>& s,
                     SideClock& cc, SideClock& sc, bool tickets = false) {
  auto& st = ember_setup();
  c = cc.run([&] { return std::move(*tls::Connection::client(st.client, "localhost")); });
  s = sc.run(
      [&] { return std::move(*tls::Connection::server(tickets ? st.server_tickets : st.server)); });
  for (int i = 0; i < 10 && !(c->handshake_done() && s->handshake_done()); ++i) {
    cc.run([&] { return c->handshake().ok(); });
    auto co = c->pending_output();
    sc.run([&] { return s->receive(co).ok(); });
    c->consume_output(co.size());
    sc.run([&] { return s->handshake().ok(); });
    auto so = s->pending_output();
    cc.run([&] { return c->receive(so).ok(); });
    s->consume_output(so.size());
  }
  return c->handshake_done() && s->handshake_done() && c->info().verify_flags == 0;
}

void BM_ember_full_handshake(benchmark::State& state) {
  SideClock cc, sc;
  for (auto _ : state) {
    std::unique_ptr<tls::Connection> c, s;
    if (!ember_handshake(c, s, cc, sc)) state.SkipWithError("handshake failed");
  }
  state.counters["client_hs/s"] = static_cast<double>(state.iterations()) / cc.total;
  state.counters["server_hs/s"] = static_cast<double>(state.iterations()) / sc.total;
}
BENCHMARK(BM_ember_full_handshake)->Unit(benchmark::kMicrosecond)->MinTime(2);

void BM_ember_resumed_handshake(benchmark::State& state) {
  SideClock cc, sc;
  auto& st = ember_setup();
  std::unique_ptr<tls::Connection> c, s;
  if (!ember_handshake(c, s, cc, sc, true)) {
    state.SkipWithError("handshake failed");
    return;
  }
  auto so = s->pending_output();  // the NewSessionTicket
  (void)c->receive(so);
  s->consume_output(so.size());
  uint8_t buf[16];
  (void)c->read(buf);
  Bytes session = c->export_session();
  if (session.empty()) {
    state.SkipWithError("no ticket");
    return;
  }
  cc.total = sc.total = 0;
  for (auto _ : state) {
    auto rc = cc.run([&] {
      auto x = std::move(*tls::Connection::client(st.client, "localhost"));
      (void)x->set_session(session);
      return x;
    });
    auto rs = sc.run([&] { return std::move(*tls::Connection::server(st.server_tickets)); });
    for (int i = 0; i < 10 && !(rc->handshake_done() && rs->handshake_done()); ++i) {
      cc.run([&] { return rc->handshake().ok(); });
      auto co = rc->pending_output();
      sc.run([&] { return rs->receive(co).ok(); });
      rc->consume_output(co.size());
      sc.run([&] { return rs->handshake().ok(); });
      auto o = rs->pending_output();
      cc.run([&] { return rc->receive(o).ok(); });
      rs->consume_output(o.size());
    }
    if (!rc->info().resumed) state.SkipWithError("not resumed");
  }
  state.counters["client_hs/s"] = static_cast<double>(state.iterations()) / cc.total;
  state.counters["server_hs/s"] = static_cast<double>(state.iterations()) / sc.total;
}
BENCHMARK(BM_ember_resumed_handshake)->Unit(benchmark::kMicrosecond)->MinTime(2);

void BM_ember_records(benchmark::State& state) {
  SideClock cc, sc;
  std::unique_ptr<tls::Connection> c, s;
  if (!ember_handshake(c, s, cc, sc)) {
    state.SkipWithError("handshake failed");
    return;
  }
  size_t n = static_cast<size_t>(state.range(0));
  Bytes data(n, 0x42), buf(n);
  uint64_t allocs = 0;
  for (auto _ : state) {
    uint64_t a0 = bench::allocations();
    (void)c->write(data);
    auto out = c->pending_output();
    (void)s->receive(out);
    c->consume_output(out.size());
    size_t got = 0;
    while (got < n) {
      auto r = s->read(MutableByteView(buf).subspan(got));
      if (!r) break;
      got += *r;
    }
    allocs += bench::allocations() - a0;
    benchmark::DoNotOptimize(buf.data());
  }
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * n));
  state.counters["allocs/record"] =
      static_cast<double>(allocs) / static_cast<double>(state.iterations());
}
BENCHMARK(BM_ember_records)->Arg(16384)->Arg(16);

// The same records through a real transport: io::Stream over a Unix socketpair (one thread,
// the kernel buffer holds a record), so the figure includes the send/recv system calls and
// how many times the record layer copies what recv() returned.
void BM_ember_socket_records(benchmark::State& state) {
  SideClock cc, sc;
  std::unique_ptr<tls::Connection> c, s;
  int fds[2];
  if (!ember_handshake(c, s, cc, sc) || socketpair(AF_UNIX, SOCK_STREAM, 0, fds) != 0) {
    state.SkipWithError("setup failed");
    return;
  }
  auto send_on = [](int fd) {
    return [fd](ByteView d) -> Result<size_t> {
      ssize_t n = ::send(fd, d.data(), d.size(), 0);
      if (n < 0) return Error::net_send_failed;
      return static_cast<size_t>(n);
    };
  };
  auto recv_on = [](int fd) {
    return [fd](MutableByteView b) -> Result<size_t> {
      ssize_t n = ::recv(fd, b.data(), b.size(), 0);
      if (n <= 0) return Error::net_recv_failed;
      return static_cast<size_t>(n);
    };
  };
  io::Stream cs(*c, send_on(fds[0]), recv_on(fds[0]));
  io::Stream ss(*s, send_on(fds[1]), recv_on(fds[1]));
  size_t n = static_cast<size_t>(state.range(0));
  Bytes data(n, 0x42), buf(n);
  for (auto _ : state) {
    if (!cs.write(data)) state.SkipWithError("write failed");
    size_t got = 0;
    while (got < n) {
      auto r = ss.read(MutableByteView(buf).subspan(got));
      if (!r) {
        state.SkipWithError("read failed");
        break;
      }
      got += *r;
    }
    benchmark::DoNotOptimize(buf.data());
  }
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * n));
  ::close(fds[0]);
  ::close(fds[1]);
}
BENCHMARK(BM_ember_socket_records)->Arg(16384)->Arg(16);

// Raw AES-128-GCM through EVP the fastest known way (one context per direction, keyed once,
// only the nonce changes per record): a TLS 1.3 record's seal and open with its 5-byte AAD and
// content-type byte, and nothing else.
void BM_raw_gcm_records(benchmark::State& state) {
  EVP_CIPHER* gcm = EVP_CIPHER_fetch(nullptr, "AES-128-GCM", nullptr);
  EVP_CIPHER_CTX* enc = EVP_CIPHER_CTX_new();
  EVP_CIPHER_CTX* dec = EVP_CIPHER_CTX_new();
  uint8_t key[16] = {7}, nonce[12] = {1}, aad[5] = {0x17, 3, 3, 0, 0}, tag[16];
  EVP_EncryptInit_ex2(enc, gcm, key, nullptr, nullptr);
  EVP_DecryptInit_ex2(dec, gcm, key, nullptr, nullptr);
  size_t n = static_cast<size_t>(state.range(0)) + 1;
  Bytes data(n, 0x42), rec(n), back(n);
  bool ok = true;
  for (auto _ : state) {
    int len = 0;
    ++nonce[11];
    ok &= EVP_EncryptInit_ex2(enc, nullptr, nullptr, nonce, nullptr) == 1 &&
          EVP_EncryptUpdate(enc, nullptr, &len, aad, 5) == 1 &&
          EVP_EncryptUpdate(enc, rec.data(), &len, data.data(), static_cast<int>(n)) == 1 &&
          EVP_EncryptFinal_ex(enc, rec.data() + n, &len) == 1 &&
          EVP_CIPHER_CTX_ctrl(enc, EVP_CTRL_AEAD_GET_TAG, 16, tag) == 1;
    ok &= EVP_DecryptInit_ex2(dec, nullptr, nullptr, nonce, nullptr) == 1 &&
          EVP_CIPHER_CTX_ctrl(dec, EVP_CTRL_AEAD_SET_TAG, 16, tag) == 1 &&
          EVP_DecryptUpdate(dec, nullptr, &len, aad, 5) == 1 &&
          EVP_DecryptUpdate(dec, back.data(), &len, rec.data(), static_cast<int>(n)) == 1 &&
          EVP_DecryptFinal_ex(dec, back.data() + n, &len) == 1;
    benchmark::DoNotOptimize(back.data());
  }
  if (!ok || back != data) state.SkipWithError("raw AES-GCM round trip failed");
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * (n - 1)));
  EVP_CIPHER_CTX_free(enc);
  EVP_CIPHER_CTX_free(dec);
  EVP_CIPHER_free(gcm);
}
BENCHMARK(BM_raw_gcm_records)->Arg(16384)->Arg(16);

// ---------------------------------------------------------------- OpenSSL

struct OsslSetup {
  SSL_CTX* client = nullptr;
  SSL_CTX* server = nullptr;
  OsslSetup() {
    client = SSL_CTX_new(TLS_client_method());
    server = SSL_CTX_new(TLS_server_method());
    for (SSL_CTX* ctx : {client, server}) {
      SSL_CTX_set_min_proto_version(ctx, TLS1_3_VERSION);
      SSL_CTX_set_max_proto_version(ctx, TLS1_3_VERSION);
      SSL_CTX_set_ciphersuites(ctx, "TLS_AES_128_GCM_SHA256");
      SSL_CTX_set1_groups_list(ctx, "X25519");
      SSL_CTX_set_session_cache_mode(ctx, SSL_SESS_CACHE_OFF);
      SSL_CTX_set_num_tickets(ctx, 0);  // full-handshake runs; the resumed run enables one
    }
    SSL_CTX_use_certificate_chain_file(server, pki("server-chain.crt").c_str());
    SSL_CTX_use_PrivateKey_file(server, pki("server.key").c_str(), SSL_FILETYPE_PEM);
    SSL_CTX_load_verify_locations(client, pki("ca.crt").c_str(), nullptr);
    SSL_CTX_set_verify(client, SSL_VERIFY_PEER, nullptr);
  }
};

OsslSetup& ossl_setup() {
  static OsslSetup s;
  return s;
}

bool ossl_handshake(SSL*& c, SSL*& s, SideClock& cc, SideClock& sc, SSL_SESSION* resume = nullptr) {
  auto& st = ossl_setup();
  BIO* c2s = BIO_new(BIO_s_mem());
  BIO* s2c = BIO_new(BIO_s_mem());
  BIO_up_ref(c2s);
  BIO_up_ref(s2c);
  c = cc.run([&] {
    SSL* x = SSL_new(st.client);
    SSL_set_tlsext_host_name(x, "localhost");
    SSL_set1_host(x, "localhost");
    if (resume != nullptr) SSL_set_session(x, resume);
    SSL_set_connect_state(x);
    return x;
  });
  s = sc.run([&] {
    SSL* x = SSL_new(st.server);
    SSL_set_accept_state(x);
    return x;
  });
  SSL_set_bio(c, s2c, c2s);
  SSL_set_bio(s, c2s, s2c);
  bool cdone = false, sdone = false;
  for (int i = 0; i < 10 && !(cdone && sdone); ++i) {
    if (!cdone) cdone = cc.run([&] { return SSL_do_handshake(c) == 1; });
    if (!sdone) sdone = sc.run([&] { return SSL_do_handshake(s) == 1; });
  }
  if (cdone) cc.run([&] { return SSL_do_handshake(c); });  // consume any trailing records
  return cdone && sdone && SSL_get_verify_result(c) == X509_V_OK;
}

void BM_openssl_full_handshake(benchmark::State& state) {
  SideClock cc, sc;
  for (auto _ : state) {
    SSL *c, *s;
    if (!ossl_handshake(c, s, cc, sc)) state.SkipWithError("handshake failed");
    SSL_free(c);
    SSL_free(s);
  }
  state.counters["client_hs/s"] = static_cast<double>(state.iterations()) / cc.total;
  state.counters["server_hs/s"] = static_cast<double>(state.iterations()) / sc.total;
}
BENCHMARK(BM_openssl_full_handshake)->Unit(benchmark::kMicrosecond)->MinTime(2);

// OpenSSL's TLS 1.3 resumed handshakes are measured in tls12_bench (sessions must be freed
// after a shutdown and the newest ticket offered each time).

void BM_openssl_records(benchmark::State& state) {
  SideClock cc, sc;
  SSL *c, *s;
  if (!ossl_handshake(c, s, cc, sc)) {
    state.SkipWithError("handshake failed");
    return;
  }
  size_t n = static_cast<size_t>(state.range(0));
  Bytes data(n, 0x42), buf(n);
  for (auto _ : state) {
    SSL_write(c, data.data(), static_cast<int>(n));
    size_t got = 0;
    while (got < n) {
      int r = SSL_read(s, buf.data() + got, static_cast<int>(n - got));
      if (r <= 0) break;
      got += static_cast<size_t>(r);
    }
    benchmark::DoNotOptimize(buf.data());
  }
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * n));
  SSL_free(c);
  SSL_free(s);
}
BENCHMARK(BM_openssl_records)->Arg(16384)->Arg(16);

// OpenSSL's records over the same socketpair (SSL_set_fd once the handshake is done).
void BM_openssl_socket_records(benchmark::State& state) {
  SideClock cc, sc;
  SSL *c, *s;
  int fds[2];
  if (!ossl_handshake(c, s, cc, sc) || socketpair(AF_UNIX, SOCK_STREAM, 0, fds) != 0) {
    state.SkipWithError("setup failed");
    return;
  }
  SSL_set_fd(c, fds[0]);
  SSL_set_fd(s, fds[1]);
  size_t n = static_cast<size_t>(state.range(0));
  Bytes data(n, 0x42), buf(n);
  for (auto _ : state) {
    if (SSL_write(c, data.data(), static_cast<int>(n)) != static_cast<int>(n))
      state.SkipWithError("write failed");
    size_t got = 0;
    while (got < n) {
      int r = SSL_read(s, buf.data() + got, static_cast<int>(n - got));
      if (r <= 0) {
        state.SkipWithError("read failed");
        break;
      }
      got += static_cast<size_t>(r);
    }
    benchmark::DoNotOptimize(buf.data());
  }
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * n));
  SSL_free(c);
  SSL_free(s);
  ::close(fds[0]);
  ::close(fds[1]);
}
BENCHMARK(BM_openssl_socket_records)->Arg(16384)->Arg(16);

// ---------------------------------------------------------------- the limit

// The public-key work of one handshake, through the embertls provider: client X25519 keygen +
// derive and three ECDSA P-256 verifies (CertificateVerify, leaf and intermediate signatures);
// server X25519 keygen + derive and one ECDSA P-256 sign.
void BM_limit(benchmark::State& state) {
  const auto& p = crypto::default_provider();
  auto& st = ember_setup();
  const auto& chain = st.server->certificates[0].chain;
  auto root = (*x509::load_certificates_file(pki("root.crt")))[0];
  auto params = *crypto::signature_params(crypto::SignatureScheme::ecdsa_secp256r1_sha256);
  Bytes msg(130, 0x20);
  auto sig = *st.server->certificates[0].key->sign(params, msg);
  SideClock cc, sc;
  for (auto _ : state) {
    auto ks_s = sc.run([&] { return std::move(*p.generate_key_share(crypto::Group::x25519)); });
    auto ks_c = cc.run([&] { return std::move(*p.generate_key_share(crypto::Group::x25519)); });
    sc.run([&] { return ks_s->derive(ks_c->public_value()).ok(); });
    cc.run([&] { return ks_c->derive(ks_s->public_value()).ok(); });
    sc.run([&] { return st.server->certificates[0].key->sign(params, msg).ok(); });
    cc.run([&] {
      bool ok = chain[0]->public_key()->verify(params, msg, sig).ok();
      ok &= chain[1]
                ->public_key()
                ->verify(chain[0]->signature_algorithm().params, chain[0]->tbs(),
                         chain[0]->signature())
                .ok();
      ok &= root->public_key()
                ->verify(chain[1]->signature_algorithm().params, chain[1]->tbs(),
                         chain[1]->signature())
                .ok();
      return ok;
    });
  }
  state.counters["client_limit_hs/s"] = static_cast<double>(state.iterations()) / cc.total;
  state.counters["server_limit_hs/s"] = static_cast<double>(state.iterations()) / sc.total;
}
BENCHMARK(BM_limit)->Unit(benchmark::kMicrosecond)->MinTime(2);

}  // namespace

BENCHMARK_MAIN();
