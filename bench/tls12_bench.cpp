// In-memory TLS handshakes, TLS 1.2 scenarios (and TLS 1.3 resumption): client and server in
// one thread over memory pipes, CPU time counted separately for each side, for embertls,
// OpenSSL 3 (memory BIOs) and Mbed TLS 2.28 (custom BIO callbacks) with the same parameters:
//   ECDHE-ECDSA-AES128-GCM-SHA256 full  X25519, root -> intermediate -> P-256 leaf, the client
//                                       verifies the chain and the host name "localhost"
//   ... resumed by session ID / by ticket
//   ECDHE-RSA-AES128-GCM-SHA256 full    the same with an RSA-2048 chain
//   TLS 1.3 resumed (ticket, psk_dhe_ke) embertls and OpenSSL only (Mbed TLS 2.28 has no 1.3)
//   bulk: 16 KiB records, TLS 1.2 AES-128-GCM, against raw AES-128-GCM seal+open
//   memory: heap in use per idle established connection (client and server, after the
//           handshake, 200 of each alive at once; glibc mallinfo2) and heap allocations per
//           handshake, TLS 1.2 ECDHE-ECDSA for all three and TLS 1.3 for embertls and OpenSSL
// plus the "limit": the public-key operations of each full handshake, timed in the same run.
//
//   build-bench/bench/tls12_bench [--quick]
#include <malloc.h>
#include <mbedtls/ctr_drbg.h>
#include <mbedtls/entropy.h>
#include <mbedtls/ssl.h>
#include <mbedtls/ssl_cache.h>
#include <mbedtls/ssl_ticket.h>
#include <openssl/ssl.h>
#include <time.h>

#include <cstdio>
#include <cstring>
#include <deque>
#include <functional>
#include <string>

#include "alloc_counter.hpp"
#include "ember/tls/connection.hpp"
#include "side_clock.hpp"

namespace {

using namespace ember;

using Clock = bench::SideClock;

double g_seconds = 1.0;  // per measurement

std::string pki(const std::string& set, const std::string& f) {
  return std::string(EMBER_SOURCE_DIR) + "/tests/data/pki/" + set + "/" + f;
}

struct Rate {
  double client = 0, server = 0;  // operations per CPU second of each side
  bool ok = false;
};

// Runs `one` (which fills the two clocks) until both sides used g_seconds of CPU in total.
Rate measure(const std::function<bool(Clock&, Clock&)>& one) {
  Clock c, s;
  long n = 0;
  if (!one(c, s)) return {};
  c.total = s.total = 0;
  while (c.total + s.total < g_seconds) {
    if (!one(c, s)) return {};
    ++n;
  }
  return {n / c.total, n / s.total, true};
}

// ------------------------------------------------------------------------- embertls

struct Ember {
  std::shared_ptr<tls::Config> client, server;
  std::shared_ptr<x509::TrustStore> trust;
  Ember(const std::string& set, uint16_t suite, tls::Version v) {
    trust = std::make_shared<x509::TrustStore>();
    (void)trust->add_file(pki(set, "ca.crt"));
    client = std::make_shared<tls::Config>();
    client->trust = trust.get();
    // secp256r1 listed too: an ECDSA P-256 certificate needs it (RFC 8422 §5.1).
    client->groups = {crypto::Group::x25519, crypto::Group::secp256r1};
    client->cipher_suites = {suite};
    client->min_version = client->max_version = v;
    server = std::make_shared<tls::Config>();
    server->role = tls::Role::server;
    server->verify = tls::VerifyMode::none;
    server->groups = {crypto::Group::x25519, crypto::Group::secp256r1};
    server->cipher_suites = {suite};
    server->min_version = server->max_version = v;
    tls::CertifiedKey ck;
    ck.chain = *x509::load_certificates_file(pki(set, "server-chain.crt"));
    ck.key = std::shared_ptr<const crypto::PrivateKey>(std::move(
        *crypto::default_provider().load_private_key(*x509::read_file(pki(set, "server.key")))));
    server->certificates.push_back(std::move(ck));
    server->session_cache = std::make_shared<tls::SessionCache>(1000);
  }
  // One handshake; session (if non-empty) is offered; the new session is stored back.
  bool handshake(Clock& cc, Clock& sc, Bytes* session) {
    auto c = cc.run([&] {
      auto x = std::move(*tls::Connection::client(client, "localhost"));
      if (session && !session->empty()) (void)x->set_session(*session);
      return x;
    });
    auto s = sc.run([&] { return std::move(*tls::Connection::server(server)); });
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
    if (!c->handshake_done() || !s->handshake_done() || c->info().verify_flags != 0) return false;
    if (c->info().version == tls::Version::tls13 && session) {
      uint8_t b[16];
      cc.run([&] { return c->read(b).ok(); });  // takes the NewSessionTicket
    }
    if (session) *session = c->export_session();
    return true;
  }
};

// ------------------------------------------------------------------------- OpenSSL

struct Ossl {
  SSL_CTX *client, *server;
  Ossl(const std::string& set, const char* cipher, int version, bool tickets) {
    client = SSL_CTX_new(TLS_client_method());
    server = SSL_CTX_new(TLS_server_method());
    for (SSL_CTX* ctx : {client, server}) {
      SSL_CTX_set_min_proto_version(ctx, version);
      SSL_CTX_set_max_proto_version(ctx, version);
      if (version == TLS1_3_VERSION)
        SSL_CTX_set_ciphersuites(ctx, "TLS_AES_128_GCM_SHA256");
      else
        SSL_CTX_set_cipher_list(ctx, cipher);
      SSL_CTX_set1_groups_list(ctx, "X25519:P-256");  // P-256: the ECDSA certificate's curve
      if (!tickets) SSL_CTX_set_options(ctx, SSL_OP_NO_TICKET);
    }
    SSL_CTX_set_session_cache_mode(server, SSL_SESS_CACHE_SERVER);
    SSL_CTX_set_session_id_context(server, reinterpret_cast<const unsigned char*>("bench"), 5);
    SSL_CTX_set_session_cache_mode(client, SSL_SESS_CACHE_CLIENT | SSL_SESS_CACHE_NO_INTERNAL);
    SSL_CTX_use_certificate_chain_file(server, pki(set, "server-chain.crt").c_str());
    SSL_CTX_use_PrivateKey_file(server, pki(set, "server.key").c_str(), SSL_FILETYPE_PEM);
    SSL_CTX_load_verify_locations(client, pki(set, "ca.crt").c_str(), nullptr);
    SSL_CTX_set_verify(client, SSL_VERIFY_PEER, nullptr);
  }
  bool handshake(Clock& cc, Clock& sc, SSL_SESSION** session, bool* resumed = nullptr) {
    BIO* c2s = BIO_new(BIO_s_mem());
    BIO* s2c = BIO_new(BIO_s_mem());
    BIO_up_ref(c2s);
    BIO_up_ref(s2c);
    SSL* c = cc.run([&] {
      SSL* x = SSL_new(client);
      SSL_set_tlsext_host_name(x, "localhost");
      SSL_set1_host(x, "localhost");
      if (session && *session) SSL_set_session(x, *session);
      SSL_set_connect_state(x);
      return x;
    });
    SSL* s = sc.run([&] {
      SSL* x = SSL_new(server);
      SSL_set_accept_state(x);
      return x;
    });
    SSL_set_bio(c, s2c, c2s);
    SSL_set_bio(s, c2s, s2c);
    bool cd = false, sd = false;
    for (int i = 0; i < 10 && !(cd && sd); ++i) {
      if (!cd) cd = cc.run([&] { return SSL_do_handshake(c) == 1; });
      if (!sd) sd = sc.run([&] { return SSL_do_handshake(s) == 1; });
    }
    bool ok = cd && sd && SSL_get_verify_result(c) == X509_V_OK;
    if (ok && session) {
      cc.run([&] {  // TLS 1.3: the NewSessionTicket arrives after the handshake
        char b[16];
        return SSL_read(c, b, sizeof b);
      });
      if (resumed) *resumed = SSL_session_reused(c) == 1;
      if (*session) SSL_SESSION_free(*session);
      *session = SSL_get1_session(c);
    }
    // A connection freed without a shutdown marks its session not resumable.
    SSL_set_shutdown(c, SSL_SENT_SHUTDOWN | SSL_RECEIVED_SHUTDOWN);
    SSL_set_shutdown(s, SSL_SENT_SHUTDOWN | SSL_RECEIVED_SHUTDOWN);
    SSL_free(c);
    SSL_free(s);
    return ok;
  }
};

// ------------------------------------------------------------------------- Mbed TLS 2.28

struct Pipe {
  std::deque<unsigned char> q;
};
struct MbedIo {
  Pipe* in;
  Pipe* out;
};
int mbed_send(void* ctx, const unsigned char* buf, size_t len) {
  auto* io = static_cast<MbedIo*>(ctx);
  io->out->q.insert(io->out->q.end(), buf, buf + len);
  return static_cast<int>(len);
}
int mbed_recv(void* ctx, unsigned char* buf, size_t len) {
  auto* io = static_cast<MbedIo*>(ctx);
  if (io->in->q.empty()) return MBEDTLS_ERR_SSL_WANT_READ;
  size_t n = std::min(len, io->in->q.size());
  std::copy(io->in->q.begin(), io->in->q.begin() + static_cast<long>(n), buf);
  io->in->q.erase(io->in->q.begin(), io->in->q.begin() + static_cast<long>(n));
  return static_cast<int>(n);
}

struct Mbed {
  mbedtls_entropy_context entropy;
  mbedtls_ctr_drbg_context drbg;
  mbedtls_ssl_config cconf, sconf;
  mbedtls_x509_crt ca, chain;
  mbedtls_pk_context key;
  mbedtls_ssl_cache_context cache;
  mbedtls_ssl_ticket_context ticket;
  int suites[2] = {0, 0};
  mbedtls_ecp_group_id curves[3] = {MBEDTLS_ECP_DP_CURVE25519, MBEDTLS_ECP_DP_SECP256R1,
                                    MBEDTLS_ECP_DP_NONE};
  Mbed(const std::string& set, int suite, bool tickets) {
    suites[0] = suite;
    mbedtls_entropy_init(&entropy);
    mbedtls_ctr_drbg_init(&drbg);
    mbedtls_ctr_drbg_seed(&drbg, mbedtls_entropy_func, &entropy, nullptr, 0);
    mbedtls_x509_crt_init(&ca);
    mbedtls_x509_crt_init(&chain);
    mbedtls_pk_init(&key);
    mbedtls_x509_crt_parse_file(&ca, pki(set, "ca.crt").c_str());
    mbedtls_x509_crt_parse_file(&chain, pki(set, "server-chain.crt").c_str());
    mbedtls_pk_parse_keyfile(&key, pki(set, "server.key").c_str(), nullptr);
    mbedtls_ssl_cache_init(&cache);
    mbedtls_ssl_ticket_init(&ticket);
    for (auto* conf : {&cconf, &sconf}) {
      mbedtls_ssl_config_init(conf);
      mbedtls_ssl_config_defaults(conf,
                                  conf == &cconf ? MBEDTLS_SSL_IS_CLIENT : MBEDTLS_SSL_IS_SERVER,
                                  MBEDTLS_SSL_TRANSPORT_STREAM, MBEDTLS_SSL_PRESET_DEFAULT);
      mbedtls_ssl_conf_rng(conf, mbedtls_ctr_drbg_random, &drbg);
      mbedtls_ssl_conf_ciphersuites(conf, suites);
      mbedtls_ssl_conf_curves(conf, curves);
    }
    mbedtls_ssl_conf_ca_chain(&cconf, &ca, nullptr);
    mbedtls_ssl_conf_authmode(&cconf, MBEDTLS_SSL_VERIFY_REQUIRED);
    mbedtls_ssl_conf_own_cert(&sconf, &chain, &key);
    mbedtls_ssl_conf_session_cache(&sconf, &cache, mbedtls_ssl_cache_get, mbedtls_ssl_cache_set);
    mbedtls_ssl_conf_session_tickets(&cconf, tickets ? MBEDTLS_SSL_SESSION_TICKETS_ENABLED
                                                     : MBEDTLS_SSL_SESSION_TICKETS_DISABLED);
    if (tickets) {
      mbedtls_ssl_ticket_setup(&ticket, mbedtls_ctr_drbg_random, &drbg, MBEDTLS_CIPHER_AES_256_GCM,
                               86400);
      mbedtls_ssl_conf_session_tickets_cb(&sconf, mbedtls_ssl_ticket_write,
                                          mbedtls_ssl_ticket_parse, &ticket);
    }
  }
  bool handshake(Clock& cc, Clock& sc, mbedtls_ssl_session* session, bool have_session) {
    Pipe c2s, s2c;
    MbedIo cio{&s2c, &c2s}, sio{&c2s, &s2c};
    mbedtls_ssl_context c, s;
    cc.run([&] {
      mbedtls_ssl_init(&c);
      mbedtls_ssl_setup(&c, &cconf);
      mbedtls_ssl_set_hostname(&c, "localhost");
      if (have_session) mbedtls_ssl_set_session(&c, session);
      mbedtls_ssl_set_bio(&c, &cio, mbed_send, mbed_recv, nullptr);
      return 0;
    });
    sc.run([&] {
      mbedtls_ssl_init(&s);
      mbedtls_ssl_setup(&s, &sconf);
      mbedtls_ssl_set_bio(&s, &sio, mbed_send, mbed_recv, nullptr);
      return 0;
    });
    int cr = 1, sr = 1;
    for (int i = 0; i < 20 && (cr != 0 || sr != 0); ++i) {
      if (cr != 0) cr = cc.run([&] { return mbedtls_ssl_handshake(&c); });
      if (sr != 0) sr = sc.run([&] { return mbedtls_ssl_handshake(&s); });
      if ((cr != 0 && cr != MBEDTLS_ERR_SSL_WANT_READ) ||
          (sr != 0 && sr != MBEDTLS_ERR_SSL_WANT_READ))
        break;
    }
    bool ok = cr == 0 && sr == 0 && mbedtls_ssl_get_verify_result(&c) == 0;
    if (ok && session) {
      mbedtls_ssl_session_free(session);
      mbedtls_ssl_session_init(session);
      ok = mbedtls_ssl_get_session(&c, session) == 0;
    }
    cc.run([&] {
      mbedtls_ssl_free(&c);
      return 0;
    });
    sc.run([&] {
      mbedtls_ssl_free(&s);
      return 0;
    });
    return ok;
  }
};

// ------------------------------------------------------------------------- limits

// Public-key work of one TLS 1.2 ECDHE full handshake through the embertls provider: X25519
// keygen + derive on both sides; server: one ServerKeyExchange signature; client: its
// verification and the two chain signatures.
Rate limit(const std::string& set, crypto::SignatureScheme scheme) {
  const auto& p = crypto::default_provider();
  auto chain = *x509::load_certificates_file(pki(set, "server-chain.crt"));
  auto root = (*x509::load_certificates_file(pki(set, "root.crt")))[0];
  auto key = *p.load_private_key(*x509::read_file(pki(set, "server.key")));
  auto params = *crypto::signature_params(scheme);
  Bytes msg(64 + 36, 0x20);
  auto sig = *key->sign(params, msg);
  return measure([&](Clock& cc, Clock& sc) {
    auto ks_s = sc.run([&] { return std::move(*p.generate_key_share(crypto::Group::x25519)); });
    auto ks_c = cc.run([&] { return std::move(*p.generate_key_share(crypto::Group::x25519)); });
    bool ok = sc.run([&] { return ks_s->derive(ks_c->public_value()).ok(); });
    ok &= cc.run([&] { return ks_c->derive(ks_s->public_value()).ok(); });
    ok &= sc.run([&] { return key->sign(params, msg).ok(); });
    ok &= cc.run([&] {
      bool v = chain[0]->public_key()->verify(params, msg, sig).ok();
      v &= chain[1]
               ->public_key()
               ->verify(chain[0]->signature_algorithm().params, chain[0]->tbs(),
                        chain[0]->signature())
               .ok();
      v &= root->public_key()
               ->verify(chain[1]->signature_algorithm().params, chain[1]->tbs(),
                        chain[1]->signature())
               .ok();
      return v;
    });
    return ok;
  });
}

bool g_failed = false;  // an embertls scenario did not complete: the run exits non-zero

// Progress on stderr, so that stdout stays the table: "tls12_bench: [3/8] TLS1.2 ... (1.00 s
// of CPU per library and side)". A full run takes about a minute.
constexpr int kSteps = 8;
void progress(const char* what) {
  static int step = 0;
  std::fprintf(stderr, "tls12_bench: [%d/%d] %s ...\n", ++step, kSteps, what);
}

void row(const char* name, const Rate& e, const Rate& o, const Rate& m, const Rate* lim) {
  if (!e.ok) {
    std::fprintf(stderr, "embertls failed the scenario: %s\n", name);
    g_failed = true;
  }
  auto f = [](const Rate& r, double Rate::*side) {
    static char buf[8][32];
    static int k = 0;
    char* b = buf[k++ % 8];
    if (!r.ok) return (const char*)"n/a";
    std::snprintf(b, 32, "%.0f", r.*side);
    return (const char*)b;
  };
  std::printf("%-34s %9s %9s %9s %9s %9s %9s", name, f(e, &Rate::client), f(e, &Rate::server),
              f(o, &Rate::client), f(o, &Rate::server), f(m, &Rate::client), f(m, &Rate::server));
  if (e.ok && o.ok)
    std::printf("  vs OpenSSL c %.2fx s %.2fx", e.client / o.client, e.server / o.server);
  if (e.ok && m.ok)
    std::printf("  vs Mbed c %.1fx s %.1fx", e.client / m.client, e.server / m.server);
  if (lim && e.ok && lim->ok)
    std::printf("  cost/limit c %.2f s %.2f", lim->client / e.client, lim->server / e.server);
  std::printf("\n");
  std::fflush(stdout);
}

// ------------------------------------------------------------------------- memory

size_t heap_in_use() {
  malloc_trim(0);
  return mallinfo2().uordblks;
}

struct Memory {
  double client = 0, server = 0, allocs = 0;  // bytes per idle connection, per handshake pair
  bool ok = false;
};
constexpr int kIdle = 200;

// Keeps kIdle established pairs alive; `pair(i)` makes and connects one, `drop_clients()`
// frees the clients (what is left is the servers).
Memory idle_memory(const std::function<bool()>& pair, const std::function<void()>& drop_clients,
                   const std::function<void()>& drop_servers) {
  Memory m;
  size_t h0 = heap_in_use();
  uint64_t a0 = bench::allocations();
  m.ok = true;
  for (int i = 0; i < kIdle && m.ok; ++i) m.ok = pair();
  m.allocs = static_cast<double>(bench::allocations() - a0) / kIdle;
  size_t h1 = heap_in_use();
  drop_clients();
  size_t h2 = heap_in_use();
  drop_servers();
  m.client = (static_cast<double>(h1) - static_cast<double>(h2)) / kIdle;
  m.server = (static_cast<double>(h2) - static_cast<double>(h0)) / kIdle;
  return m;
}

Memory ember_memory(Ember& e) {
  std::vector<std::unique_ptr<tls::Connection>> cs, ss;
  Clock cc, sc;
  return idle_memory(
      [&] {
        auto c = std::move(*tls::Connection::client(e.client, "localhost"));
        auto s = std::move(*tls::Connection::server(e.server));
        for (int i = 0; i < 10 && !(c->handshake_done() && s->handshake_done()); ++i) {
          (void)c->handshake();
          auto co = c->pending_output();
          (void)s->receive(co);
          c->consume_output(co.size());
          (void)s->handshake();
          auto so = s->pending_output();
          (void)c->receive(so);
          s->consume_output(so.size());
        }
        bool ok = c->handshake_done() && s->handshake_done();
        cs.push_back(std::move(c));
        ss.push_back(std::move(s));
        return ok;
      },
      [&] { cs.clear(); }, [&] { ss.clear(); });
}

Memory ossl_memory(Ossl& o) {
  std::vector<SSL*> cs, ss;
  return idle_memory(
      [&] {
        BIO* c2s = BIO_new(BIO_s_mem());
        BIO* s2c = BIO_new(BIO_s_mem());
        BIO_up_ref(c2s);
        BIO_up_ref(s2c);
        SSL* c = SSL_new(o.client);
        SSL_set_tlsext_host_name(c, "localhost");
        SSL_set1_host(c, "localhost");
        SSL_set_connect_state(c);
        SSL* s = SSL_new(o.server);
        SSL_set_accept_state(s);
        SSL_set_bio(c, s2c, c2s);
        SSL_set_bio(s, c2s, s2c);
        bool cd = false, sd = false;
        for (int i = 0; i < 10 && !(cd && sd); ++i) {
          if (!cd) cd = SSL_do_handshake(c) == 1;
          if (!sd) sd = SSL_do_handshake(s) == 1;
        }
        cs.push_back(c);
        ss.push_back(s);
        return cd && sd;
      },
      [&] {
        for (SSL* c : cs) SSL_free(c);
        cs.clear();
      },
      [&] {
        for (SSL* s : ss) SSL_free(s);
        ss.clear();
      });
}

Memory mbed_memory(Mbed& m) {
  struct Side {
    mbedtls_ssl_context ssl;
    MbedIo io;
  };
  std::vector<std::unique_ptr<Pipe>> pipes;
  std::vector<std::unique_ptr<Side>> cs, ss;
  return idle_memory(
      [&] {
        auto c2s = std::make_unique<Pipe>(), s2c = std::make_unique<Pipe>();
        auto c = std::make_unique<Side>(), s = std::make_unique<Side>();
        c->io = {s2c.get(), c2s.get()};
        s->io = {c2s.get(), s2c.get()};
        mbedtls_ssl_init(&c->ssl);
        mbedtls_ssl_setup(&c->ssl, &m.cconf);
        mbedtls_ssl_set_hostname(&c->ssl, "localhost");
        mbedtls_ssl_set_bio(&c->ssl, &c->io, mbed_send, mbed_recv, nullptr);
        mbedtls_ssl_init(&s->ssl);
        mbedtls_ssl_setup(&s->ssl, &m.sconf);
        mbedtls_ssl_set_bio(&s->ssl, &s->io, mbed_send, mbed_recv, nullptr);
        int cr = 1, sr = 1;
        for (int i = 0; i < 20 && (cr != 0 || sr != 0); ++i) {
          if (cr != 0) cr = mbedtls_ssl_handshake(&c->ssl);
          if (sr != 0) sr = mbedtls_ssl_handshake(&s->ssl);
        }
        pipes.push_back(std::move(c2s));
        pipes.push_back(std::move(s2c));
        cs.push_back(std::move(c));
        ss.push_back(std::move(s));
        return cr == 0 && sr == 0;
      },
      [&] {
        for (auto& c : cs) mbedtls_ssl_free(&c->ssl);
        cs.clear();
      },
      [&] {
        for (auto& s : ss) mbedtls_ssl_free(&s->ssl);
        ss.clear();
        pipes.clear();
      });
}

void memory_row(const char* name, const Memory& e, const Memory& o, const Memory* m) {
  if (!e.ok || !o.ok || (m && !m->ok)) {
    std::fprintf(stderr, "a library failed the memory scenario: %s\n", name);
    g_failed = true;
    return;
  }
  std::printf("%-34s %9.0f %9.0f %9.0f %9.0f", name, e.client, e.server, o.client, o.server);
  if (m)
    std::printf(" %9.0f %9.0f", m->client, m->server);
  else
    std::printf(" %9s %9s", "n/a", "n/a");
  std::printf("  allocs/handshake ember %.0f ossl %.0f", e.allocs, o.allocs);
  if (m) std::printf(" mbed %.0f", m->allocs);
  std::printf("\n");
}

}  // namespace

int main(int argc, char** argv) {
  if (argc > 1 && std::strcmp(argv[1], "--quick") == 0) g_seconds = 0.15;
  std::printf("handshakes per CPU-second of each side (%.2f s of CPU per cell)\n", g_seconds);
  std::printf("%-34s %9s %9s %9s %9s %9s %9s\n", "scenario", "ember c", "ember s", "ossl c",
              "ossl s", "mbed c", "mbed s");
  const uint16_t kEcdsa = 0xC02B, kRsa = 0xC02F;
  const int kMbedEcdsa = MBEDTLS_TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256;
  const int kMbedRsa = MBEDTLS_TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256;

  progress("public-key limits (ECDSA P-256, RSA-2048)");
  Rate lim_ec = limit("p256", crypto::SignatureScheme::ecdsa_secp256r1_sha256);
  Rate lim_rsa = limit("rsa2048", crypto::SignatureScheme::rsa_pss_rsae_sha256);
  for (int rsa = 0; rsa < 2; ++rsa) {
    const char* set = rsa ? "rsa2048" : "p256";
    progress(rsa ? "TLS1.2 ECDHE-RSA-2048 full handshakes"
                 : "TLS1.2 ECDHE-ECDSA-P256 full handshakes");
    Ember e(set, rsa ? kRsa : kEcdsa, tls::Version::tls12);
    e.server->tickets = false;
    e.client->tickets = false;
    Ossl o(set, rsa ? "ECDHE-RSA-AES128-GCM-SHA256" : "ECDHE-ECDSA-AES128-GCM-SHA256",
           TLS1_2_VERSION, false);
    Mbed m(set, rsa ? kMbedRsa : kMbedEcdsa, false);
    Rate re = measure([&](Clock& c, Clock& s) { return e.handshake(c, s, nullptr); });
    Rate ro = measure([&](Clock& c, Clock& s) { return o.handshake(c, s, nullptr); });
    Rate rm = measure([&](Clock& c, Clock& s) { return m.handshake(c, s, nullptr, false); });
    row(rsa ? "TLS1.2 ECDHE-RSA-2048 full" : "TLS1.2 ECDHE-ECDSA-P256 full", re, ro, rm,
        rsa ? &lim_rsa : &lim_ec);
  }
  std::printf("%-34s %9.0f %9.0f   (public-key operations only)\n", "limit ECDHE-ECDSA",
              lim_ec.client, lim_ec.server);
  std::printf("%-34s %9.0f %9.0f\n", "limit ECDHE-RSA-2048", lim_rsa.client, lim_rsa.server);

  for (int tickets = 0; tickets < 2; ++tickets) {
    progress(tickets ? "TLS1.2 resumption by ticket" : "TLS1.2 resumption by session ID");
    Ember e("p256", kEcdsa, tls::Version::tls12);
    e.client->tickets = e.server->tickets = tickets == 1;
    Ossl o("p256", "ECDHE-ECDSA-AES128-GCM-SHA256", TLS1_2_VERSION, tickets == 1);
    Mbed m("p256", kMbedEcdsa, tickets == 1);
    Bytes es;
    SSL_SESSION* os = nullptr;
    mbedtls_ssl_session ms;
    mbedtls_ssl_session_init(&ms);
    Clock c0, s0;
    bool primed =
        e.handshake(c0, s0, &es) && o.handshake(c0, s0, &os) && m.handshake(c0, s0, &ms, false);
    bool oreused = false;
    Rate re, ro, rm;
    if (primed) {
      re = measure([&](Clock& c, Clock& s) {
        Bytes copy = es;
        return e.handshake(c, s, &copy);
      });
      ro = measure([&](Clock& c, Clock& s) {
        SSL_SESSION* x = os;
        SSL_SESSION_up_ref(x);
        bool ok = o.handshake(c, s, &x, &oreused) && oreused;
        SSL_SESSION_free(x);
        return ok;
      });
      // Mbed TLS resumption: offer the saved session each time.
      rm = measure([&](Clock& c, Clock& s) { return m.handshake(c, s, &ms, true); });
    }
    row(tickets ? "TLS1.2 ECDSA resumed (ticket)" : "TLS1.2 ECDSA resumed (session ID)", re, ro, rm,
        nullptr);
    if (os) SSL_SESSION_free(os);
    mbedtls_ssl_session_free(&ms);
  }

  {
    progress("TLS1.3 resumption by ticket");
    Ember e("p256", 0x1301, tls::Version::tls13);
    Ossl o("p256", "", TLS1_3_VERSION, true);
    Bytes es;
    SSL_SESSION* os = nullptr;
    Clock c0, s0;
    Rate re, ro;
    if (e.handshake(c0, s0, &es) && o.handshake(c0, s0, &os)) {
      re = measure([&](Clock& c, Clock& s) {
        Bytes copy = es;
        return e.handshake(c, s, &copy);
      });
      // Each resumption offers the newest ticket (OpenSSL treats TLS 1.3 tickets as single-use).
      ro = measure([&](Clock& c, Clock& s) {
        bool reused = false;
        return o.handshake(c, s, &os, &reused) && reused;
      });
    }
    row("TLS1.3 resumed (ticket, psk_dhe_ke)", re, ro, Rate{}, nullptr);
    if (os) SSL_SESSION_free(os);
  }
  {
    // Bulk: 16 KiB application records over TLS 1.2 AES-128-GCM (write, pipe, read) against
    // the raw AES-128-GCM seal + open of the same size through the same provider.
    progress("TLS1.2 bulk 16 KiB records");
    Ember e("p256", kEcdsa, tls::Version::tls12);
    auto c = std::move(*tls::Connection::client(e.client, "localhost"));
    auto s = std::move(*tls::Connection::server(e.server));
    for (int i = 0; i < 10 && !(c->handshake_done() && s->handshake_done()); ++i) {
      (void)c->handshake();
      (void)s->receive(c->pending_output());
      c->consume_output(c->pending_output().size());
      (void)s->handshake();
      (void)c->receive(s->pending_output());
      s->consume_output(s->pending_output().size());
    }
    const size_t n = 16384;
    Bytes data(n, 0x42), buf(n), nonce(12, 1), aad(13, 2), tag(16);
    auto aead = *crypto::default_provider().make_aead(crypto::AeadAlg::aes128_gcm, Bytes(16, 7));
    Rate tls_rate = measure([&](Clock& cc, Clock& sc) {
      cc.run([&] { return c->write(data).ok(); });
      auto out = c->pending_output();
      sc.run([&] { return s->receive(out).ok(); });
      c->consume_output(out.size());
      size_t got = 0;
      while (got < n) {
        auto r = sc.run([&] { return s->read(MutableByteView(buf).subspan(got)); });
        if (!r) return false;
        got += *r;
      }
      return true;
    });
    Rate raw = measure([&](Clock& cc, Clock& sc) {
      cc.run([&] { return aead->seal(nonce, aad, data, tag).ok(); });
      return sc.run([&] { return aead->open(nonce, aad, data, tag).ok(); });
    });
    if (tls_rate.ok && raw.ok) {
      double tls_ns = 1e9 / tls_rate.client + 1e9 / tls_rate.server;
      double raw_ns = 1e9 / raw.client + 1e9 / raw.server;
      std::printf("%-34s %.0f ns/record (%.2f GB/s) vs raw AES-128-GCM seal+open %.0f ns: %.0f%%\n",
                  "TLS1.2 bulk 16 KiB records", tls_ns, n / tls_ns, raw_ns, 100 * raw_ns / tls_ns);
    } else {
      std::fprintf(stderr, "embertls failed the scenario: TLS1.2 bulk\n");
      g_failed = true;
    }
  }
  progress("memory per idle connection");
  std::printf("heap bytes in use per idle established connection (%d alive; client / server)\n",
              kIdle);
  {
    Ember e("p256", kEcdsa, tls::Version::tls12);
    e.client->tickets = e.server->tickets = false;
    e.server->session_cache = nullptr;
    Ossl o("p256", "ECDHE-ECDSA-AES128-GCM-SHA256", TLS1_2_VERSION, false);
    SSL_CTX_set_session_cache_mode(o.server, SSL_SESS_CACHE_OFF);
    Mbed m("p256", kMbedEcdsa, false);
    mbedtls_ssl_conf_session_cache(&m.sconf, nullptr, nullptr, nullptr);
    Memory me = ember_memory(e), mo = ossl_memory(o), mm = mbed_memory(m);
    memory_row("TLS1.2 ECDHE-ECDSA idle connection", me, mo, &mm);
    Ember e13("p256", 0x1301, tls::Version::tls13);
    e13.client->tickets = e13.server->tickets = false;
    Ossl o13("p256", "", TLS1_3_VERSION, false);
    Memory me13 = ember_memory(e13), mo13 = ossl_memory(o13);
    memory_row("TLS1.3 idle connection", me13, mo13, nullptr);
  }
  return g_failed ? 1 : 0;
}
