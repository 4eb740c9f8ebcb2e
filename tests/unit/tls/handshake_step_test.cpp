// handshake_step(): one state per step, numbered as Mbed TLS 2.28's mbedtls_ssl_states. TLS 1.2
// walks every state of the reference in its order (absent messages' states included); TLS 1.3
// maps onto them coarsely (docs/tls.md "Handshake states").
#include <vector>

#include "test_access.hpp"
#include "tls_test_util.hpp"

namespace ember::tls::test {
namespace {

using H = HandshakeState;

struct Walk {
  std::vector<int> client, server;  // every state seen, consecutive repeats folded
  Pair p;
};

void note(std::vector<int>& seen, const Connection& c) {
  int s = static_cast<int>(c.handshake_state());
  if (seen.empty() || seen.back() != s) seen.push_back(s);
}

void shuttle(Connection& from, Connection& to) {
  auto out = from.pending_output();
  if (out.empty()) return;
  ASSERT_TRUE(to.receive(out).ok());
  from.consume_output(out.size());
}

// Steps both sides one state at a time until both are done, recording the states.
Walk walk(std::shared_ptr<Config> cc, std::shared_ptr<Config> sc, const Bytes& session = {}) {
  Walk w;
  w.p.client = std::move(*Connection::client(cc, "localhost"));
  w.p.server = std::move(*Connection::server(sc));
  if (!session.empty()) {
    EXPECT_TRUE(w.p.client->set_session(session).ok());
  }
  note(w.client, *w.p.client);
  note(w.server, *w.p.server);
  for (int i = 0; i < 200 && !(w.p.client->handshake_done() && w.p.server->handshake_done()); ++i) {
    for (auto [c, seen] : {std::pair{w.p.client.get(), &w.client}, {w.p.server.get(), &w.server}}) {
      if (c->handshake_done()) continue;
      Status st = c->handshake_step();
      EXPECT_TRUE(st.ok() || st.error() == Error::want_read) << error_name(st.error());
      note(*seen, *c);
    }
    shuttle(*w.p.client, *w.p.server);
    shuttle(*w.p.server, *w.p.client);
  }
  EXPECT_TRUE(w.p.client->handshake_done());
  EXPECT_TRUE(w.p.server->handshake_done());
  return w;
}

std::vector<int> states(std::initializer_list<H> hs) {
  std::vector<int> v;
  for (H h : hs) v.push_back(static_cast<int>(h));
  return v;
}

std::shared_ptr<Config> only12(std::shared_ptr<Config> c) {
  c->min_version = c->max_version = Version::tls12;
  return c;
}

const std::vector<int> kEveryState =
    states({H::hello_request, H::client_hello, H::server_hello, H::server_certificate,
            H::server_key_exchange, H::certificate_request, H::server_hello_done,
            H::client_certificate, H::client_key_exchange, H::certificate_verify,
            H::client_change_cipher_spec, H::client_finished, H::server_change_cipher_spec,
            H::server_finished, H::flush_buffers, H::handshake_wrapup, H::handshake_over});

TEST(HandshakeStep, Tls12FullHandshakeWalksEveryReferenceState) {
  // With and without a client certificate, ECDHE and RSA and PSK key exchange: every state is
  // passed, the ones whose message is absent too.
  for (int variant = 0; variant < 4; ++variant) {
    auto cc = only12(client_config(variant == 2 ? "rsa2048" : "p256"));
    auto sc = only12(server_config(variant == 2 ? "rsa2048" : "p256"));
    if (variant == 1) {
      cc->certificates.push_back(load_pair("p256", "client"));
      require_client_certificates(*sc, "p256");
    }
    if (variant == 2) cc->cipher_suites = {0x009c};  // RSA key exchange: no ServerKeyExchange
    if (variant == 3) {                              // PSK without a hint: no certificate either
      cc->cipher_suites = {0x00a8};                  // TLS_PSK_WITH_AES_128_GCM_SHA256
      cc->psk = Bytes(32, 0x11);
      cc->psk_identity = "device-7";
      sc->psk = cc->psk;
      sc->psk_identity = cc->psk_identity;
    }
    SCOPED_TRACE(variant);
    auto w = walk(cc, sc);
    EXPECT_EQ(w.client, kEveryState);
    EXPECT_EQ(w.server, kEveryState);
  }
}

TEST(HandshakeStep, Tls12ResumptionWalksTheAbbreviatedStates) {
  for (bool ticket : {false, true}) {
    auto cc = only12(client_config("p256"));
    cc->tickets = ticket;
    auto sc = only12(server_config("p256"));
    sc->session_cache = std::make_shared<SessionCache>();
    auto first = connect(cc, sc);
    ASSERT_TRUE(first.client->handshake_done());
    auto w = walk(cc, sc, first.client->export_session());
    ASSERT_TRUE(w.p.client->info().resumed);
    // Mbed TLS 2.28's order: the server's CCS and Finished first, then the client's.
    auto want =
        states({H::hello_request, H::client_hello, H::server_hello, H::server_change_cipher_spec,
                H::server_finished, H::client_change_cipher_spec, H::client_finished,
                H::flush_buffers, H::handshake_wrapup, H::handshake_over});
    SCOPED_TRACE(ticket);
    EXPECT_EQ(w.client, want);
    EXPECT_EQ(w.server, want);
  }
}

TEST(HandshakeStep, Tls13MapsOntoTheReferenceStates) {
  auto w = walk(client_config("p256"), server_config("p256"));
  // The client's own flight after the server's Finished, one message per step; the
  // certificate states are passed when the server asks for no certificate.
  EXPECT_EQ(w.client, states({H::hello_request, H::client_hello, H::server_hello,
                              H::server_certificate, H::server_key_exchange, H::server_finished,
                              H::client_certificate, H::certificate_verify, H::client_finished,
                              H::flush_buffers, H::handshake_wrapup, H::handshake_over}));
  // The server's flight, one message per step: ServerHello and EncryptedExtensions
  // (server_hello), CertificateRequest (its state passed when absent, as in TLS 1.2),
  // Certificate, CertificateVerify (server_key_exchange, as on the client), Finished; then
  // the client's Finished.
  EXPECT_EQ(w.server,
            states({H::hello_request, H::client_hello, H::server_hello, H::certificate_request,
                    H::server_certificate, H::server_key_exchange, H::server_finished,
                    H::client_finished, H::flush_buffers, H::handshake_wrapup, H::handshake_over}));
  // With a client certificate the server waits for it and its CertificateVerify.
  auto cc = client_config("p256");
  cc->certificates.push_back(load_pair("p256", "client"));
  auto sc = server_config("p256");
  require_client_certificates(*sc, "p256");
  auto a = walk(cc, sc);
  EXPECT_EQ(a.server,
            states({H::hello_request, H::client_hello, H::server_hello, H::certificate_request,
                    H::server_certificate, H::server_key_exchange, H::server_finished,
                    H::client_certificate, H::certificate_verify, H::client_finished,
                    H::flush_buffers, H::handshake_wrapup, H::handshake_over}));
  EXPECT_EQ(a.client, states({H::hello_request, H::client_hello, H::server_hello,
                              H::server_certificate, H::server_key_exchange, H::server_finished,
                              H::client_certificate, H::certificate_verify, H::client_finished,
                              H::flush_buffers, H::handshake_wrapup, H::handshake_over}));
  EXPECT_FALSE(a.p.server->info().peer_chain.empty());  // the client's certificate arrived
  // Resumed: no certificate states.
  auto first = connect(client_config("p256"), server_config("p256"));
  uint8_t buf[1];
  for (int i = 0; i < 3; ++i) {  // the ticket arrives after the handshake
    shuttle(*first.server, *first.client);
    (void)first.client->read(buf);
  }
  Bytes session = first.client->export_session();
  ASSERT_FALSE(session.empty());
  auto r = walk(client_config("p256"), server_config("p256"), session);
  ASSERT_TRUE(r.p.client->info().resumed);
  EXPECT_EQ(r.client,
            states({H::hello_request, H::client_hello, H::server_hello, H::server_finished,
                    H::client_finished, H::flush_buffers, H::handshake_wrapup, H::handshake_over}));
  EXPECT_EQ(r.server,
            states({H::hello_request, H::client_hello, H::server_hello, H::server_finished,
                    H::client_finished, H::flush_buffers, H::handshake_wrapup, H::handshake_over}));
}

// At handshake_wrapup the handshake's own state goes; data still flows and (TLS 1.2) a
// renegotiation still works from what the connection kept.
TEST(HandshakeStep, WrapupReleasesTheHandshakeState) {
  for (bool tls12 : {false, true}) {
    auto cc = client_config("p256");
    auto sc = server_config("p256");
    if (tls12) {
      only12(cc)->renegotiation = Renegotiation::enabled;
      only12(sc)->renegotiation = Renegotiation::enabled;
      sc->client_renegotiation = true;  // the client starts it (off by default since issue 17)
    }
    auto w = walk(cc, sc);
    SCOPED_TRACE(tls12);
    EXPECT_TRUE(TlsConnectionTestAccess::handshake_state_released(*w.p.client));
    EXPECT_TRUE(TlsConnectionTestAccess::handshake_state_released(*w.p.server));
    ASSERT_TRUE(w.p.client->write(as_bytes("ping")).ok());
    shuttle(*w.p.client, *w.p.server);
    uint8_t buf[16];
    auto n = w.p.server->read(buf);
    ASSERT_TRUE(n.ok()) << error_name(n.error());
    EXPECT_EQ(*n, 4u);
    if (!tls12) continue;
    ASSERT_TRUE(w.p.client->renegotiate().ok());
    for (int i = 0; i < 10 && w.p.client->renegotiating(); ++i) {
      shuttle(*w.p.client, *w.p.server);
      (void)w.p.server->read(buf);
      shuttle(*w.p.server, *w.p.client);
      (void)w.p.client->handshake();
    }
    EXPECT_EQ(w.p.client->info().renegotiations, 1u);
    EXPECT_TRUE(TlsConnectionTestAccess::handshake_state_released(*w.p.client));
  }
}

// waiting_for(): output while bytes are queued, input while the handshake needs the peer,
// nothing once established or failed; no timer over TLS.
TEST(HandshakeStep, WaitReasons) {
  auto c = std::move(*Connection::client(client_config("p256"), "localhost"));
  auto s = std::move(*Connection::server(server_config("p256")));
  EXPECT_EQ(c->waiting_for(), Wait::input);  // nothing sent yet: the first step will
  EXPECT_EQ(c->handshake().error(), Error::want_read);
  EXPECT_EQ(c->waiting_for(), Wait::output);  // the ClientHello
  shuttle(*c, *s);
  EXPECT_EQ(c->waiting_for(), Wait::input);
  EXPECT_EQ(s->waiting_for(), Wait::input);
  EXPECT_EQ(s->handshake().error(), Error::want_read);
  EXPECT_EQ(s->waiting_for(), Wait::output);
  shuttle(*s, *c);
  EXPECT_TRUE(c->handshake().ok());
  EXPECT_EQ(c->waiting_for(), Wait::output);  // its Finished
  shuttle(*c, *s);
  EXPECT_EQ(c->waiting_for(), Wait::nothing);
  EXPECT_FALSE(c->next_timeout_ms().has_value());
  EXPECT_TRUE(c->handle_timeout().ok());
  // A failed connection waits for nothing once its alert is taken.
  auto bad = std::move(*Connection::server(server_config("p256")));
  ASSERT_TRUE(bad->receive(as_bytes("GET / HTTP/1.1\r\n\r\n")).ok());
  EXPECT_FALSE(bad->handshake().ok());
  EXPECT_EQ(bad->waiting_for(), Wait::output);
  bad->consume_output(bad->pending_output().size());
  EXPECT_EQ(bad->waiting_for(), Wait::nothing);
}

// Certificate validity is judged by the configured clock (Config::clock_ms), as ticket ages
// are: the core never reads the system clock when one is given.
TEST(HandshakeStep, CertificateValidityFollowsTheConfiguredClock) {
  const uint64_t k2060 = 2871763200000ull, k2024 = 1704067200000ull;  // ms since the epoch
  for (uint64_t now : {k2060, k2024}) {
    auto cc = client_config("p256");  // the test chain is valid from 2025 to 2050
    cc->clock_ms = [now] { return now; };
    auto p = connect(cc, server_config("p256"));
    EXPECT_FALSE(p.client->handshake_done());
    EXPECT_EQ(p.client_status.error(), Error::certificate_expired) << now;
    EXPECT_EQ(p.server->alert_received(), 45);  // certificate_expired
  }
}

// The content types of the records in a byte stream.
std::vector<uint8_t> record_types(ByteView stream) {
  std::vector<uint8_t> types;
  size_t off = 0;
  while (off + 5 <= stream.size()) {
    types.push_back(stream[off]);
    off += 5 + ((size_t{stream[off + 3]} << 8) | stream[off + 4]);
  }
  EXPECT_EQ(off, stream.size());
  return types;
}

// The TLS 1.3 server's flight is one message per step, but the messages under the handshake
// keys (EncryptedExtensions .. Finished) still leave together: whether the server is stepped
// and flushed after every step or runs handshake() once, its answer to the ClientHello is the
// ServerHello record, the compatibility ChangeCipherSpec and one encrypted record.
TEST(HandshakeStep, Tls13ServerFlightStaysOneSetOfRecords) {
  for (bool stepped : {false, true}) {
    auto c = std::move(*Connection::client(client_config("p256"), "localhost"));
    auto s = std::move(*Connection::server(server_config("p256")));
    EXPECT_EQ(c->handshake().error(), Error::want_read);
    shuttle(*c, *s);
    Bytes flight;
    auto take = [&] {
      auto out = s->pending_output();
      flight.insert(flight.end(), out.begin(), out.end());
      s->consume_output(out.size());
    };
    if (stepped) {
      for (int i = 0; i < 20; ++i) {
        Status st = s->handshake_step();
        take();
        if (st.error() == Error::want_read) break;
        ASSERT_TRUE(st.ok()) << error_name(st.error());
      }
    } else {
      EXPECT_EQ(s->handshake().error(), Error::want_read);
      take();
    }
    SCOPED_TRACE(stepped);
    EXPECT_EQ(record_types(flight), (std::vector<uint8_t>{22, 20, 23}));
    ASSERT_TRUE(c->receive(flight).ok());
    EXPECT_TRUE(c->handshake().ok());
    shuttle(*c, *s);
    EXPECT_TRUE(s->handshake().ok());
  }
}

// handshake() is handshake_step() until done: the same bytes either way.
TEST(HandshakeStep, StepsAndHandshakeProduceTheSameResult) {
  auto w = walk(only12(client_config("p256")), only12(server_config("p256")));
  const char msg[] = "after stepping";
  ASSERT_TRUE(w.p.client->write(as_bytes(msg)).ok());
  shuttle(*w.p.client, *w.p.server);
  uint8_t buf[64];
  auto n = w.p.server->read(buf);
  ASSERT_TRUE(n.ok()) << error_name(n.error());
  EXPECT_EQ(*n, sizeof msg - 1);
}

}  // namespace
}  // namespace ember::tls::test
