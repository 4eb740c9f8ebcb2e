// Limits on what a peer can make a connection do (issue 17, "Timeouts and limits"; docs/tls.md
// "Limits"): floods of KeyUpdates, empty records, warning alerts and refused renegotiation
// requests, unsent answers piling up, alert levels, and a TLS 1.3 change_cipher_spec before the
// first hello. Each case checks the exact alert, the error, and that the connection is dead
// afterwards; and that the traffic just under each limit still passes.
#include <algorithm>

#include "test_access.hpp"
#include "tls_test_util.hpp"

namespace ember::tls::test {
namespace {

using Access = TlsConnectionTestAccess;

constexpr uint8_t kCcs = 20, kAlert = 21, kHandshake = 22;
constexpr uint8_t kUnexpectedMessage = 10, kIllegalParameter = 47, kInternalError = 80;

Bytes take(Connection& c) {
  auto out = c.pending_output();
  Bytes b(out.begin(), out.end());
  c.consume_output(out.size());
  return b;
}

std::shared_ptr<Config> only12(std::shared_ptr<Config> c) {
  c->min_version = c->max_version = Version::tls12;
  return c;
}

Pair connected(bool tls12, const std::function<void(Config&)>& server_options = {}) {
  auto cc = client_config("p256");
  auto sc = server_config("p256");
  if (tls12) only12(cc), only12(sc);
  if (server_options) server_options(*sc);
  auto p = connect(cc, sc);
  EXPECT_TRUE(p.client->handshake_done());
  EXPECT_TRUE(p.server->handshake_done());
  return p;
}

// What the server's read() makes of everything the client queued.
Status server_reads(Pair& p) {
  (void)p.server->receive(take(*p.client));
  uint8_t buf[64];
  for (;;) {
    auto r = p.server->read(buf);
    if (!r) return r.error();
  }
}

// The connection failed with `e`, sent `alert` (or none: 0), and stays failed.
void expect_dead(Connection& c, Status st, Error e, int alert) {
  ASSERT_FALSE(st.ok()) << "expected " << error_name(e);
  EXPECT_EQ(error_name(st.error()), error_name(e));
  if (alert == 0)
    EXPECT_FALSE(c.alert_sent().has_value());
  else
    EXPECT_EQ(c.alert_sent(), alert);
  uint8_t buf[16];
  EXPECT_FALSE(c.read(buf).ok());
  EXPECT_FALSE(c.write(as_bytes("x")).ok());
  EXPECT_FALSE(c.handshake().ok());
}

// The connection read everything and waits for more: alive.
void expect_alive(Pair& p) {
  EXPECT_EQ(error_name(server_reads(p).error()), error_name(Error::want_read));
  EXPECT_FALSE(p.server->alert_sent().has_value());
  ASSERT_TRUE(p.client->write(as_bytes("still here")).ok());
  (void)p.server->receive(take(*p.client));
  uint8_t buf[64];
  auto n = p.server->read(buf);
  ASSERT_TRUE(n.ok()) << error_name(n.error());
  EXPECT_EQ(*n, 10u);
}

// --- KeyUpdate ------------------------------------------------------------------------------

TEST(Limits, KeyUpdatesInARowOverTheDefaultLimit) {
  Config defaults;
  ASSERT_EQ(defaults.max_key_updates, 32u);
  auto p = connected(false);
  for (int i = 0; i < 33; ++i) ASSERT_TRUE(p.client->key_update(false).ok());
  expect_dead(*p.server, server_reads(p), Error::peer_flood, kUnexpectedMessage);
}

TEST(Limits, KeyUpdatesUpToTheLimitAndApplicationDataResetTheCount) {
  auto p = connected(false);
  for (int round = 0; round < 3; ++round) {
    for (int i = 0; i < 32; ++i) ASSERT_TRUE(p.client->key_update(false).ok());
    ASSERT_TRUE(p.client->write(as_bytes("between")).ok());
  }
  expect_alive(p);
}

TEST(Limits, KeyUpdateLimitIsConfigurableAndZeroMeansNone) {
  auto p = connected(false, [](Config& c) { c.max_key_updates = 2; });
  for (int i = 0; i < 3; ++i) ASSERT_TRUE(p.client->key_update(false).ok());
  expect_dead(*p.server, server_reads(p), Error::peer_flood, kUnexpectedMessage);
  auto q = connected(false, [](Config& c) { c.max_key_updates = 0; });
  for (int i = 0; i < 200; ++i) ASSERT_TRUE(q.client->key_update(false).ok());
  expect_alive(q);
}

// --- empty application-data records ---------------------------------------------------------

TEST(Limits, EmptyRecordsInARow) {
  for (bool tls12 : {false, true}) {
    SCOPED_TRACE(tls12 ? "TLS 1.2" : "TLS 1.3");
    auto p = connected(tls12);
    for (int i = 0; i < 33; ++i) ASSERT_TRUE(p.client->write({}).ok());  // one empty record each
    expect_dead(*p.server, server_reads(p), Error::peer_flood, kUnexpectedMessage);
    auto q = connected(tls12);
    for (int round = 0; round < 3; ++round) {
      for (int i = 0; i < 32; ++i) ASSERT_TRUE(q.client->write({}).ok());
      ASSERT_TRUE(q.client->write(as_bytes("x")).ok());
    }
    expect_alive(q);
  }
}

// --- warning alerts -------------------------------------------------------------------------

TEST(Limits, WarningAlertsInARow) {
  const Bytes user_canceled = {1, 90};
  for (bool tls12 : {false, true}) {
    SCOPED_TRACE(tls12 ? "TLS 1.2" : "TLS 1.3");
    auto p = connected(tls12);
    for (int i = 0; i < 6; ++i) Access::send_record(*p.client, kAlert, user_canceled);
    expect_dead(*p.server, server_reads(p), Error::peer_flood, kUnexpectedMessage);
    auto q = connected(tls12);
    for (int round = 0; round < 3; ++round) {
      for (int i = 0; i < 5; ++i) Access::send_record(*q.client, kAlert, user_canceled);
      ASSERT_TRUE(q.client->write(as_bytes("x")).ok());
    }
    expect_alive(q);
  }
}

// TLS 1.2 ends at any fatal-level alert (RFC 5246 §7.2); TLS 1.3 treats user_canceled as a
// closure alert whatever its level (RFC 8446 §6.1).
TEST(Limits, FatalLevelUserCanceled) {
  auto p = connected(true);
  Access::send_record(*p.client, kAlert, Bytes{2, 90});
  expect_dead(*p.server, server_reads(p), Error::peer_alert, 0);
  EXPECT_EQ(p.server->alert_received(), 90);
  auto q = connected(false);
  Access::send_record(*q.client, kAlert, Bytes{2, 90});
  expect_alive(q);
}

// TLS 1.3: every alert but close_notify and user_canceled ends the connection, whatever its
// level (RFC 8446 §6.2).
TEST(Limits, Tls13WarningLevelErrorAlertIsFatal) {
  auto p = connected(false);
  Access::send_record(*p.client, kAlert, Bytes{1, 40});
  expect_dead(*p.server, server_reads(p), Error::peer_alert, 0);
  EXPECT_EQ(p.server->alert_received(), 40);
}

// --- the alert level ------------------------------------------------------------------------

TEST(Limits, AlertLevelOtherThanWarningOrFatal) {
  for (bool tls12 : {false, true}) {
    for (const Bytes& alert : {Bytes{7, 0}, Bytes{0, 0}, Bytes{3, 40}, Bytes{255, 90}}) {
      SCOPED_TRACE(std::string(tls12 ? "TLS 1.2 " : "TLS 1.3 ") + std::to_string(alert[0]) + "," +
                   std::to_string(alert[1]));
      auto p = connected(tls12);
      Access::send_record(*p.client, kAlert, alert);
      Status st = server_reads(p);
      EXPECT_NE(st.error(), Error::peer_close_notify);  // {7, 0} is no close_notify
      expect_dead(*p.server, st, Error::illegal_parameter, kIllegalParameter);
    }
  }
}

TEST(Limits, CloseNotifyAtEitherLevelStillCloses) {
  for (uint8_t level : {1, 2}) {
    auto p = connected(false);
    Access::send_record(*p.client, kAlert, Bytes{level, 0});
    EXPECT_EQ(error_name(server_reads(p).error()), error_name(Error::peer_close_notify));
    EXPECT_FALSE(p.server->alert_sent().has_value());
  }
}

// --- TLS 1.2 renegotiation ------------------------------------------------------------------

// A ClientHello handshake message (header included) as a fresh TLS 1.2 client sends it.
Bytes a_client_hello12() {
  auto c = std::move(*Connection::client(only12(client_config("p256")), "localhost"));
  (void)c->handshake();
  Bytes rec = take(*c);
  EXPECT_EQ(rec[0], kHandshake);
  return Bytes(rec.begin() + 5, rec.end());
}

TEST(Limits, ClientInitiatedRenegotiationIsRefusedByDefault) {
  Config defaults;
  ASSERT_FALSE(defaults.client_renegotiation);
  auto cc = only12(client_config("p256"));
  cc->renegotiation = Renegotiation::enabled;
  auto sc = only12(server_config("p256"));
  sc->renegotiation = Renegotiation::enabled;
  auto p = connect(cc, sc);
  ASSERT_TRUE(p.client->renegotiate().ok());
  (void)p.server->receive(take(*p.client));
  uint8_t buf[16];
  EXPECT_EQ(p.server->read(buf).error(), Error::want_read);  // declined with a warning
  EXPECT_FALSE(p.server->alert_sent().has_value());
  (void)p.client->receive(take(*p.server));
  EXPECT_EQ(p.client->handshake().error(), Error::no_renegotiation);
  EXPECT_EQ(p.server->info().renegotiations, 0u);
  // The server's own renegotiation (a HelloRequest) still runs.
  auto q = connect(cc, sc);
  ASSERT_TRUE(q.server->renegotiate().ok());
  for (int i = 0; i < 10; ++i) {
    (void)q.client->receive(take(*q.server));
    (void)q.client->read(buf);
    (void)q.server->receive(take(*q.client));
    (void)q.server->read(buf);
  }
  EXPECT_EQ(q.server->info().renegotiations, 1u);
  EXPECT_EQ(q.client->info().renegotiations, 1u);
}

TEST(Limits, RefusedRenegotiationRequestsPerConnection) {
  Config defaults;
  ASSERT_EQ(defaults.max_refused_renegotiations, 4u);
  Bytes hello = a_client_hello12();
  for (bool enabled : {false, true}) {  // disabled, or enabled but started by the client
    SCOPED_TRACE(enabled ? "renegotiation on" : "renegotiation off");
    auto p = connected(true, [&](Config& c) {
      if (enabled) c.renegotiation = Renegotiation::enabled;
    });
    for (int i = 0; i < 4; ++i) {
      Access::send_record(*p.client, kHandshake, hello);
      ASSERT_TRUE(p.client->write(as_bytes("x")).ok());  // data between: still counted
    }
    EXPECT_EQ(server_reads(p).error(), Error::want_read);
    EXPECT_FALSE(p.server->alert_sent().has_value());
    Access::send_record(*p.client, kHandshake, hello);
    expect_dead(*p.server, server_reads(p), Error::peer_flood, kUnexpectedMessage);
    // The client saw four no_renegotiation warnings, then unexpected_message.
    (void)p.client->receive(take(*p.server));
    uint8_t buf[16];
    auto r = p.client->read(buf);
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error(), Error::peer_alert);
    EXPECT_EQ(p.client->alert_received(), kUnexpectedMessage);
  }
}

TEST(Limits, HelloRequestsRefusedByTheClient) {
  auto p = connected(true);  // the client does not renegotiate (the default)
  const Bytes hello_request = {0, 0, 0, 0};
  for (int i = 0; i < 5; ++i) Access::send_record(*p.server, kHandshake, hello_request);
  (void)p.client->receive(take(*p.server));
  uint8_t buf[16];
  auto r = p.client->read(buf);
  expect_dead(*p.client, r.ok() ? Status{} : Status{r.error()}, Error::peer_flood,
              kUnexpectedMessage);
}

// --- unsent output --------------------------------------------------------------------------

// A peer that asks for KeyUpdates (data between, so no flood) and never reads the answers.
Status ask_without_reading(Pair& p, int requests) {
  uint8_t buf[64];
  for (int i = 0; i < requests; ++i) {
    EXPECT_TRUE(p.client->key_update(true).ok());
    EXPECT_TRUE(p.client->write(as_bytes("x")).ok());
    (void)p.server->receive(take(*p.client));
    for (;;) {
      auto r = p.server->read(buf);
      if (!r && r.error() != Error::want_read) return r.error();
      if (!r) break;
    }
  }
  return {};
}

TEST(Limits, UnsentAnswersOverTheLimit) {
  auto p = connected(false, [](Config& c) { c.max_pending_output = 300; });
  Status st = ask_without_reading(p, 50);
  EXPECT_GT(p.server->pending_output().size(), 300u);  // the alert went on top of the rest
  expect_dead(*p.server, st, Error::output_limit, kInternalError);
}

TEST(Limits, UnsentAnswersOverTheDefaultLimit) {
  Config defaults;
  ASSERT_EQ(defaults.max_pending_output, 64u * 1024);
  auto p = connected(false);
  Status st = ask_without_reading(p, 4000);  // ~27 bytes per answered KeyUpdate
  size_t queued = p.server->pending_output().size();
  EXPECT_GT(queued, 64u * 1024);
  EXPECT_LT(queued, 64u * 1024 + 64);
  expect_dead(*p.server, st, Error::output_limit, kInternalError);
}

// TLS 1.2: the no_renegotiation warnings a server queues for a client that never reads.
TEST(Limits, UnsentRefusalsOverTheLimit) {
  Bytes hello = a_client_hello12();
  auto p = connected(true, [](Config& c) {
    c.max_refused_renegotiations = 0;  // no limit: the output limit is the one that ends it
    c.max_pending_output = 100;        // three warnings of 31 bytes fit, not four
  });
  Status st;
  int sent = 0;
  while (st.ok() && sent < 10) {
    Access::send_record(*p.client, kHandshake, hello);
    ++sent;
    st = server_reads(p);
    if (st.error() == Error::want_read) st = {};
  }
  EXPECT_EQ(sent, 4);
  expect_dead(*p.server, st, Error::output_limit, kInternalError);
}

TEST(Limits, AnswersTheTransportTakesDoNotCount) {
  auto p = connected(false, [](Config& c) { c.max_pending_output = 300; });
  uint8_t buf[64];
  for (int i = 0; i < 50; ++i) {
    ASSERT_TRUE(p.client->key_update(true).ok());
    ASSERT_TRUE(p.client->write(as_bytes("x")).ok());
    (void)p.server->receive(take(*p.client));
    auto n = p.server->read(buf);
    ASSERT_TRUE(n.ok()) << error_name(n.error());
    (void)p.client->receive(take(*p.server));  // the transport sends the answer
    ASSERT_EQ(p.client->read(buf).error(), Error::want_read);
  }
  EXPECT_FALSE(p.server->alert_sent().has_value());
}

// --- TLS 1.3 change_cipher_spec before the first hello ---------------------------------------

const Bytes kOneCcs = {kCcs, 3, 3, 0, 1, 1};

TEST(Limits, ChangeCipherSpecBeforeTheFirstClientHello) {
  for (bool tls12 : {false, true}) {
    SCOPED_TRACE(tls12 ? "TLS 1.2 only" : "TLS 1.3");
    auto cc = client_config("p256");
    auto sc = server_config("p256");
    if (tls12) only12(cc), only12(sc);
    auto client = std::move(*Connection::client(cc, "localhost"));
    auto server = std::move(*Connection::server(sc));
    (void)client->handshake();
    Bytes wire = kOneCcs;
    Bytes hello = take(*client);
    wire.insert(wire.end(), hello.begin(), hello.end());
    (void)server->receive(wire);
    expect_dead(*server, server->handshake(), Error::unexpected_message, kUnexpectedMessage);
  }
}

TEST(Limits, ChangeCipherSpecBeforeTheServerHello) {
  auto client = std::move(*Connection::client(client_config("p256"), "localhost"));
  auto server = std::move(*Connection::server(server_config("p256")));
  (void)client->handshake();
  (void)server->receive(take(*client));
  (void)server->handshake();
  Bytes wire = kOneCcs;
  Bytes flight = take(*server);  // ServerHello, CCS, encrypted flight
  wire.insert(wire.end(), flight.begin(), flight.end());
  (void)client->receive(wire);
  expect_dead(*client, client->handshake(), Error::unexpected_message, kUnexpectedMessage);
}

// No change_cipher_spec is taken once the handshake is over (a flood of them ends at the first):
// TLS 1.2 takes one per handshake, TLS 1.3 drops one only before the peer's encrypted records.
TEST(Limits, ChangeCipherSpecAfterTheHandshake) {
  for (bool tls12 : {false, true}) {
    for (bool plaintext : {false, true}) {
      SCOPED_TRACE(std::string(tls12 ? "TLS 1.2" : "TLS 1.3") + (plaintext ? " plaintext" : ""));
      auto p = connected(tls12);
      if (plaintext)
        Access::send_plaintext(*p.client, kCcs, Bytes{1});
      else
        Access::send_record(*p.client, kCcs, Bytes{1});
      // TLS 1.2 protects every record once keys are in use: a plaintext one fails to open.
      if (tls12 && plaintext)
        expect_dead(*p.server, server_reads(p), Error::bad_record_mac, 20);
      else
        expect_dead(*p.server, server_reads(p), Error::unexpected_message, kUnexpectedMessage);
    }
  }
}

}  // namespace
}  // namespace ember::tls::test
