// A hostile peer breaking one TLS rule at a time (issue 19, items 1-13): each test builds the
// offending records from a real connection's keys and checks the exact alert, the error, and
// that the connection is dead afterwards.
#include <algorithm>

#include "test_access.hpp"
#include "tls_test_util.hpp"

namespace ember::tls::test {
namespace {

using Access = TlsConnectionTestAccess;

constexpr uint8_t kCcs = 20, kAlert = 21, kHandshake = 22, kAppData = 23;

Bytes take(Connection& c) {
  auto out = c.pending_output();
  Bytes b(out.begin(), out.end());
  c.consume_output(out.size());
  return b;
}

struct Rec {
  uint8_t type;
  Bytes bytes;  // the whole record, header included
  ByteView fragment() const { return ByteView(bytes).subspan(5); }
};

std::vector<Rec> split_records(ByteView wire) {
  std::vector<Rec> out;
  size_t off = 0;
  while (off + 5 <= wire.size()) {
    size_t len = (size_t{wire[off + 3]} << 8) | wire[off + 4];
    EXPECT_LE(off + 5 + len, wire.size());
    out.push_back({wire[off], Bytes(wire.begin() + off, wire.begin() + off + 5 + len)});
    off += 5 + len;
  }
  EXPECT_EQ(off, wire.size());
  return out;
}

Bytes join(std::initializer_list<ByteView> parts) {
  Bytes b;
  for (ByteView p : parts) b.insert(b.end(), p.begin(), p.end());
  return b;
}

Bytes record(uint8_t type, ByteView fragment) {
  // Sized once and filled (inserting into a 5-byte vector makes GCC 12 at -O3 report a false
  // -Warray-bounds, an error in the Release -Werror build).
  Bytes r(5 + fragment.size());
  r[0] = type;
  r[1] = 3;
  r[2] = 3;
  r[3] = static_cast<uint8_t>(fragment.size() >> 8);
  r[4] = static_cast<uint8_t>(fragment.size());
  std::copy(fragment.begin(), fragment.end(), r.begin() + 5);
  return r;
}

const Bytes kOneCcs = {kCcs, 3, 3, 0, 1, 1};

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

// A plaintext ClientHello record, taken apart so a field or an extension can be changed.
struct ClientHelloRecord {
  Bytes head;    // legacy_version, random, session id
  Bytes suites;  // the cipher suite list's contents
  Bytes tail;    // compression methods with their length
  std::vector<std::pair<uint16_t, Bytes>> extensions;

  explicit ClientHelloRecord(ByteView rec) {
    EXPECT_EQ(rec[0], kHandshake);
    EXPECT_EQ(rec[5], 1);
    ByteView body = rec.subspan(9);
    size_t off = 2 + 32;
    off += 1 + body[off];  // session id
    head.assign(body.begin(), body.begin() + off);
    size_t n = (size_t{body[off]} << 8) | body[off + 1];
    suites.assign(body.begin() + off + 2, body.begin() + off + 2 + n);
    off += 2 + n;
    tail.assign(body.begin() + off, body.begin() + off + 1 + body[off]);
    off += 1 + body[off];
    size_t end = off + 2 + ((size_t{body[off]} << 8) | body[off + 1]);
    for (off += 2; off < end;) {
      uint16_t type = static_cast<uint16_t>(body[off] << 8 | body[off + 1]);
      size_t len = (size_t{body[off + 2]} << 8) | body[off + 3];
      extensions.emplace_back(type, Bytes(body.begin() + off + 4, body.begin() + off + 4 + len));
      off += 4 + len;
    }
  }
  Bytes* find(uint16_t type) {
    for (auto& e : extensions)
      if (e.first == type) return &e.second;
    return nullptr;
  }
  void remove(uint16_t type) {
    std::erase_if(extensions, [&](const auto& e) { return e.first == type; });
  }
  // The handshake message; records() cuts it into records of at most 2^14 bytes.
  Bytes message() const {
    Bytes exts;
    for (const auto& [type, data] : extensions) {
      exts.insert(exts.end(),
                  {static_cast<uint8_t>(type >> 8), static_cast<uint8_t>(type),
                   static_cast<uint8_t>(data.size() >> 8), static_cast<uint8_t>(data.size())});
      exts.insert(exts.end(), data.begin(), data.end());
    }
    EXPECT_LT(exts.size(), 65536u);
    EXPECT_LT(suites.size(), 65536u);
    Bytes body = head;
    body.insert(body.end(),
                {static_cast<uint8_t>(suites.size() >> 8), static_cast<uint8_t>(suites.size())});
    body.insert(body.end(), suites.begin(), suites.end());
    body.insert(body.end(), tail.begin(), tail.end());
    body.insert(body.end(),
                {static_cast<uint8_t>(exts.size() >> 8), static_cast<uint8_t>(exts.size())});
    body.insert(body.end(), exts.begin(), exts.end());
    Bytes m = {1, static_cast<uint8_t>(body.size() >> 16), static_cast<uint8_t>(body.size() >> 8),
               static_cast<uint8_t>(body.size())};
    m.insert(m.end(), body.begin(), body.end());
    return m;
  }
  Bytes records() const {
    Bytes m = message(), out;
    for (size_t off = 0; off < m.size(); off += 16384) {
      Bytes r =
          record(kHandshake, ByteView(m).subspan(off, std::min<size_t>(16384, m.size() - off)));
      out.insert(out.end(), r.begin(), r.end());
    }
    return out;
  }
};

// TLS 1.3: a record sealed as the peer of `p` would, and one opened the same way.
Bytes seal13(record::Tls13Protection& p, uint64_t seq, ByteView inner) {
  Bytes rec(5 + inner.size() + p.tag_size());
  record::write_header(rec.data(), kAppData, record::kVersion12, rec.size() - 5);
  record::RecordContext ctx{seq, kAppData, record::kVersion12, ByteView(rec).first(5)};
  EXPECT_TRUE(p.seal(ctx, inner, {}, MutableByteView(rec).subspan(5)).ok());
  return rec;
}
Bytes open13(record::Tls13Protection& p, uint64_t seq, const Rec& r) {
  Bytes copy = r.bytes;
  record::RecordContext ctx{seq, kAppData, record::kVersion12, ByteView(copy).first(5)};
  auto plain = p.open(ctx, MutableByteView(copy).subspan(5));
  EXPECT_TRUE(plain.ok());
  if (!plain) return {};
  size_t end = plain->size();
  while (end > 0 && (*plain)[end - 1] == 0) --end;
  EXPECT_GT(end, 0u);
  EXPECT_EQ((*plain)[end - 1], kHandshake);
  return Bytes(plain->begin(), plain->begin() + static_cast<long>(end - 1));
}

// Handshake messages, whole (header included), from concatenated handshake bytes.
std::vector<Bytes> split_messages(ByteView hs) {
  std::vector<Bytes> out;
  for (size_t off = 0; off + 4 <= hs.size();) {
    size_t len = (size_t{hs[off + 1]} << 16) | (size_t{hs[off + 2]} << 8) | hs[off + 3];
    out.emplace_back(hs.begin() + off, hs.begin() + off + 4 + len);
    off += 4 + len;
  }
  return out;
}

struct Manual {
  std::unique_ptr<Connection> client, server;
};

Manual start(std::shared_ptr<Config> cc, std::shared_ptr<Config> sc) {
  Manual m;
  m.client = std::move(*Connection::client(cc, "localhost"));
  m.server = std::move(*Connection::server(sc));
  return m;
}

std::shared_ptr<Config> only12(std::shared_ptr<Config> c) {
  c->min_version = c->max_version = Version::tls12;
  return c;
}

Pair connected(std::shared_ptr<Config> cc, std::shared_ptr<Config> sc) {
  auto p = connect(cc, sc);
  EXPECT_TRUE(p.client->handshake_done());
  EXPECT_TRUE(p.server->handshake_done());
  return p;
}

// TLS 1.2 with renegotiation on both sides: the client's renegotiation flight, up to and
// including its ChangeCipherSpec, and the Finished message it would send next.
struct RenegotiationFlight {
  Pair p;
  std::vector<Rec> records;  // ClientKeyExchange, ChangeCipherSpec, Finished (encrypted)
  Bytes finished;            // the Finished message's plaintext
};

RenegotiationFlight renegotiation_flight() {
  auto c = only12(client_config("p256"));
  c->renegotiation = Renegotiation::enabled;
  auto s = only12(server_config("p256"));
  s->renegotiation = Renegotiation::enabled;
  s->client_renegotiation = true;  // the client starts it (off by default since issue 17)
  RenegotiationFlight f{connected(c, s), {}, {}};
  EXPECT_TRUE(f.p.client->renegotiate().ok());
  uint8_t buf[64];
  (void)f.p.server->receive(take(*f.p.client));
  (void)f.p.server->read(buf);  // the server answers the new ClientHello
  (void)f.p.client->receive(take(*f.p.server));
  (void)f.p.client->handshake();  // the client sends its ClientKeyExchange, CCS and Finished
  f.records = split_records(take(*f.p.client));
  EXPECT_EQ(f.records.size(), 3u);
  EXPECT_EQ(f.records[1].type, kCcs);
  f.finished = Access::last_finished12(*f.p.client);
  // The records a test forges next are sealed under the new keys from sequence number 0,
  // where the Finished was.
  Access::set_write_sequence(*f.p.client, 0);
  return f;
}

// --- 1. TLS 1.2 renegotiation: no application data between CCS and Finished --------------

TEST(HostilePeer, RenegotiationDataAfterChangeCipherSpecBeforeFinished) {
  auto f = renegotiation_flight();
  Access::send_record(*f.p.client, kAppData, as_bytes("unauthenticated"));
  Bytes forged = join({f.records[0].bytes, f.records[1].bytes, take(*f.p.client)});
  (void)f.p.server->receive(forged);
  uint8_t buf[64];
  auto r = f.p.server->read(buf);
  expect_dead(*f.p.server, r.ok() ? Status{} : Status{r.error()}, Error::unexpected_message, 10);
}

TEST(HostilePeer, RenegotiationDataBetweenTwoFragmentsOfFinished) {
  auto f = renegotiation_flight();
  ByteView fin(f.finished);
  Access::send_record(*f.p.client, kHandshake, fin.first(6));
  Access::send_record(*f.p.client, kAppData, as_bytes("unauthenticated"));
  Access::send_record(*f.p.client, kHandshake, fin.subspan(6));
  Bytes forged = join({f.records[0].bytes, f.records[1].bytes, take(*f.p.client)});
  (void)f.p.server->receive(forged);
  uint8_t buf[64];
  auto r = f.p.server->read(buf);
  expect_dead(*f.p.server, r.ok() ? Status{} : Status{r.error()}, Error::unexpected_message, 10);
}

// The same flight unchanged still renegotiates (the forging itself is sound).
TEST(HostilePeer, RenegotiationFlightReplayedInOrderSucceeds) {
  auto f = renegotiation_flight();
  Access::send_record(*f.p.client, kHandshake, f.finished);
  (void)f.p.server->receive(join({f.records[0].bytes, f.records[1].bytes, take(*f.p.client)}));
  uint8_t buf[64];
  auto r = f.p.server->read(buf);
  EXPECT_EQ(r.error(), Error::want_read);
  EXPECT_EQ(f.p.server->info().renegotiations, 1u);
}

// --- 2. Handshake messages are never interleaved with other record types -----------------

TEST(HostilePeer, Tls13KeyUpdateSplitAroundApplicationData) {
  auto p = connected(client_config("p256"), server_config("p256"));
  const Bytes ku = {24, 0, 0, 1, 0};
  Access::send_record(*p.client, kHandshake, ByteView(ku).first(2));
  Access::send_record(*p.client, kAppData, as_bytes("between"));
  Access::send_record(*p.client, kHandshake, ByteView(ku).subspan(2));
  (void)p.server->receive(take(*p.client));
  uint8_t buf[64];
  auto r = p.server->read(buf);
  expect_dead(*p.server, r.ok() ? Status{} : Status{r.error()}, Error::unexpected_message, 10);
}

TEST(HostilePeer, Tls13KeyUpdateSplitAroundAnAlert) {
  auto p = connected(client_config("p256"), server_config("p256"));
  const Bytes ku = {24, 0, 0, 1, 0};
  const Bytes warning = {1, 90};  // user_canceled
  Access::send_record(*p.client, kHandshake, ByteView(ku).first(3));
  Access::send_record(*p.client, kAlert, warning);
  Access::send_record(*p.client, kHandshake, ByteView(ku).subspan(3));
  (void)p.server->receive(take(*p.client));
  uint8_t buf[64];
  auto r = p.server->read(buf);
  expect_dead(*p.server, r.ok() ? Status{} : Status{r.error()}, Error::unexpected_message, 10);
}

TEST(HostilePeer, ClientHelloSplitAroundAnAlertOrChangeCipherSpec) {
  for (uint8_t between : {kAlert, kCcs}) {
    for (bool tls12 : {false, true}) {
      auto cc = client_config("p256");
      auto sc = server_config("p256");
      if (tls12) only12(cc), only12(sc);
      auto m = start(cc, sc);
      (void)m.client->handshake();
      auto recs = split_records(take(*m.client));
      ASSERT_EQ(recs.size(), 1u);
      ByteView msg = recs[0].fragment();
      Bytes in_between = between == kAlert ? Bytes{1, 90} : Bytes{1};
      Bytes wire = join({record(kHandshake, msg.first(40)), record(between, in_between),
                         record(kHandshake, msg.subspan(40))});
      (void)m.server->receive(wire);
      expect_dead(*m.server, m.server->handshake(), Error::unexpected_message, 10);
    }
  }
}

// --- 3. TLS 1.3 needs legacy_version 0x0303 ------------------------------------------------

TEST(HostilePeer, Tls13ClientHelloWithAnOldLegacyVersion) {
  for (uint16_t v : {0x0000, 0x0200, 0x0300, 0x0301, 0x0302}) {
    auto m = start(client_config("p256"), server_config("p256"));
    (void)m.client->handshake();
    ClientHelloRecord ch(take(*m.client));
    ch.head[0] = static_cast<uint8_t>(v >> 8);
    ch.head[1] = static_cast<uint8_t>(v);
    (void)m.server->receive(ch.records());
    SCOPED_TRACE(v);
    expect_dead(*m.server, m.server->handshake(), Error::protocol_version, 70);
  }
}

// Compression methods: a TLS 1.2 ClientHello may offer more than null (old clients offer
// deflate too) and gets null; a TLS 1.3 one offers exactly null; none without null.
TEST(HostilePeer, CompressionMethods) {
  struct Case {
    bool tls12;
    Bytes methods;
    bool ok;
  };
  for (const Case& c :
       {Case{true, {1, 0}, true}, Case{true, {1}, false}, Case{false, {1, 0}, false},
        Case{false, {0, 0}, false}, Case{false, {}, false}}) {
    auto cc = client_config("p256");
    auto sc = server_config("p256");
    if (c.tls12) only12(cc), only12(sc);
    auto m = start(cc, sc);
    (void)m.client->handshake();
    ClientHelloRecord ch(take(*m.client));
    ch.tail = {static_cast<uint8_t>(c.methods.size())};
    ch.tail.insert(ch.tail.end(), c.methods.begin(), c.methods.end());
    (void)m.server->receive(ch.records());
    Status st = m.server->handshake();
    SCOPED_TRACE(testing::Message() << c.tls12 << " " << c.methods.size());
    if (c.ok) {
      EXPECT_EQ(st.error(), Error::want_read) << error_name(st.error());
      auto sh = split_records(take(*m.server));
      ASSERT_FALSE(sh.empty());
      ByteView body = sh[0].fragment().subspan(4);
      size_t sid = body[34];
      EXPECT_EQ(body[35 + sid + 2], 0) << "null compression chosen";
    } else {
      expect_dead(*m.server, st, Error::illegal_parameter, 47);
    }
  }
}

// --- 4. Extended master secret (RFC 7627 §5.3) ---------------------------------------------

TEST(HostilePeer, ResumingAnEmsSessionWithoutEmsIsAborted) {
  auto c = only12(client_config("p256"));
  c->tickets = false;
  auto s = only12(server_config("p256"));
  s->session_cache = std::make_shared<SessionCache>();
  auto p = connected(c, s);
  ASSERT_TRUE(p.client->info().extended_master_secret);
  Bytes session = p.client->export_session();
  auto m = start(c, s);
  ASSERT_TRUE(m.client->set_session(session).ok());
  (void)m.client->handshake();
  ClientHelloRecord ch(take(*m.client));
  ASSERT_NE(ch.find(0x0017), nullptr);
  ch.remove(0x0017);
  (void)m.server->receive(ch.records());
  expect_dead(*m.server, m.server->handshake(), Error::handshake_failure, 40);
}

// A client that would not send EMS does not offer an EMS session: a full handshake instead.
TEST(HostilePeer, ClientWithoutEmsDoesNotOfferAnEmsSession) {
  auto c = only12(client_config("p256"));
  c->tickets = false;
  auto s = only12(server_config("p256"));
  s->session_cache = std::make_shared<SessionCache>();
  auto p = connected(c, s);
  Bytes session = p.client->export_session();
  auto c2 = only12(client_config("p256"));
  c2->tickets = false;
  c2->extended_master_secret = false;
  Pair r;
  r.client = std::move(*Connection::client(c2, "localhost"));
  r.server = std::move(*Connection::server(s));
  ASSERT_TRUE(r.client->set_session(session).ok());
  pump(r);
  ASSERT_TRUE(r.client->handshake_done()) << error_name(r.client_status.error());
  EXPECT_FALSE(r.client->info().resumed);
  EXPECT_FALSE(r.client->info().extended_master_secret);
}

TEST(HostilePeer, RenegotiationThatDropsEmsIsAborted) {
  auto c = only12(client_config("p256"));
  c->renegotiation = Renegotiation::enabled;
  auto s = only12(server_config("p256"));
  s->renegotiation = Renegotiation::enabled;
  s->client_renegotiation = true;  // the client starts it (off by default since issue 17)
  auto p = connected(c, s);
  ASSERT_TRUE(p.server->info().extended_master_secret);
  auto without = std::make_shared<Config>(*c);
  without->extended_master_secret = false;
  Access::replace_config(*p.client, without);
  ASSERT_TRUE(p.client->renegotiate().ok());
  (void)p.server->receive(take(*p.client));
  uint8_t buf[64];
  auto r = p.server->read(buf);
  expect_dead(*p.server, r.ok() ? Status{} : Status{r.error()}, Error::handshake_failure, 40);
}

// --- 5. KeyUpdate request_update -----------------------------------------------------------

TEST(HostilePeer, KeyUpdateWithAnUnknownRequest) {
  for (uint8_t request : {2, 255}) {
    auto p = connected(client_config("p256"), server_config("p256"));
    Access::send_record(*p.client, kHandshake, Bytes{24, 0, 0, 1, request});
    (void)p.server->receive(take(*p.client));
    uint8_t buf[64];
    auto r = p.server->read(buf);
    expect_dead(*p.server, r.ok() ? Status{} : Status{r.error()}, Error::illegal_parameter, 47);
  }
}

// --- 6. Empty alerts ---------------------------------------------------------------------

TEST(HostilePeer, EmptyAlertUnderApplicationKeys) {
  for (bool padded : {false, true}) {
    auto p = connected(client_config("p256"), server_config("p256"));
    Bytes inner = {kAlert};
    if (padded) inner.resize(20, 0);
    (void)p.server->receive(Access::seal_inner13(*p.client, inner));
    uint8_t buf[64];
    auto r = p.server->read(buf);
    expect_dead(*p.server, r.ok() ? Status{} : Status{r.error()}, Error::unexpected_message, 10);
  }
  // TLS 1.2: an empty alert record.
  auto p = connected(only12(client_config("p256")), only12(server_config("p256")));
  Access::send_record(*p.client, kAlert, {});
  (void)p.server->receive(take(*p.client));
  uint8_t buf[64];
  auto r = p.server->read(buf);
  expect_dead(*p.server, r.ok() ? Status{} : Status{r.error()}, Error::unexpected_message, 10);
}

// The server's first flight for `cc`/`sc`, its records, and the client holding only the
// ServerHello (and CCS): the client's read keys are the server's handshake keys.
struct ServerFlight {
  Manual m;
  std::vector<Rec> encrypted;  // the server's records after ServerHello (and its CCS)
};

ServerFlight server_flight(std::shared_ptr<Config> cc, std::shared_ptr<Config> sc) {
  ServerFlight f{start(cc, sc), {}};
  (void)f.m.client->handshake();
  (void)f.m.server->receive(take(*f.m.client));
  (void)f.m.server->handshake();
  Bytes plain;
  for (auto& r : split_records(take(*f.m.server))) {
    if (r.type == kAppData)
      f.encrypted.push_back(std::move(r));
    else
      plain.insert(plain.end(), r.bytes.begin(), r.bytes.end());
  }
  (void)f.m.client->receive(plain);
  EXPECT_EQ(f.m.client->handshake().error(), Error::want_read);
  return f;
}

TEST(HostilePeer, EmptyAlertUnderHandshakeKeys) {
  auto f = server_flight(client_config("p256"), server_config("p256"));
  auto peer = Access::peer_of_reader13(*f.m.client);
  (void)f.m.client->receive(seal13(*peer, Access::read_sequence(*f.m.client), Bytes{kAlert}));
  expect_dead(*f.m.client, f.m.client->handshake(), Error::unexpected_message, 10);
}

// --- 7. A TLS 1.3 Finished of the wrong length is decode_error ------------------------------

TEST(HostilePeer, Tls13FinishedOfTheWrongLength) {
  for (int delta : {-1, +1, -32}) {
    auto f = server_flight(client_config("p256"), server_config("p256"));
    auto peer = Access::peer_of_reader13(*f.m.client);
    uint64_t seq = Access::read_sequence(*f.m.client);
    Bytes hs;
    for (const auto& r : f.encrypted) {
      Bytes inner = open13(*peer, seq++, r);
      hs.insert(hs.end(), inner.begin(), inner.end());
    }
    auto msgs = split_messages(hs);
    ASSERT_GE(msgs.size(), 4u);
    Bytes& fin = msgs.back();
    ASSERT_EQ(fin[0], 20);
    size_t len = static_cast<size_t>(static_cast<long>(fin.size() - 4) + delta);
    fin.resize(4 + len, 0x5a);
    fin[3] = static_cast<uint8_t>(len);
    Bytes inner;
    for (const auto& msg : msgs) inner.insert(inner.end(), msg.begin(), msg.end());
    inner.push_back(kHandshake);
    (void)f.m.client->receive(seal13(*peer, Access::read_sequence(*f.m.client), inner));
    SCOPED_TRACE(delta);
    expect_dead(*f.m.client, f.m.client->handshake(), Error::tls_decode_error, 50);
  }
}

// --- 8. ChangeCipherSpec rules -------------------------------------------------------------

TEST(HostilePeer, Tls12ChangeCipherSpecOfTwoBytes) {
  auto m = start(only12(client_config("p256")), only12(server_config("p256")));
  Pair p{std::move(m.client), std::move(m.server), {}, {}};
  (void)p.client->handshake();
  (void)p.server->receive(take(*p.client));
  (void)p.server->handshake();
  (void)p.client->receive(take(*p.server));
  (void)p.client->handshake();
  auto recs = split_records(take(*p.client));  // ClientKeyExchange, CCS, Finished
  ASSERT_EQ(recs.size(), 3u);
  ASSERT_EQ(recs[1].type, kCcs);
  (void)p.server->receive(join({recs[0].bytes, record(kCcs, Bytes{1, 1}), recs[2].bytes}));
  expect_dead(*p.server, p.server->handshake(), Error::unexpected_message, 10);
}

// The client's second flight (CCS, then its encrypted records) after the server's first.
struct ClientFlight {
  Manual m;
  std::vector<Rec> records;
};

ClientFlight client_flight(std::shared_ptr<Config> cc, std::shared_ptr<Config> sc) {
  ClientFlight f{start(cc, sc), {}};
  (void)f.m.client->handshake();
  (void)f.m.server->receive(take(*f.m.client));
  (void)f.m.server->handshake();
  (void)f.m.client->receive(take(*f.m.server));
  (void)f.m.client->handshake();
  f.records = split_records(take(*f.m.client));
  return f;
}

TEST(HostilePeer, Tls13OneChangeCipherSpecIsDroppedInAnyCoalescing) {
  auto f = client_flight(client_config("p256"), server_config("p256"));
  ASSERT_EQ(f.records.front().type, kCcs);
  Bytes wire;
  for (const auto& r : f.records) wire.insert(wire.end(), r.bytes.begin(), r.bytes.end());
  (void)f.m.server->receive(wire);  // CCS and Finished in one segment
  EXPECT_TRUE(f.m.server->handshake().ok());
  EXPECT_TRUE(f.m.server->handshake_done());
}

TEST(HostilePeer, Tls13SecondChangeCipherSpecOrAnotherValue) {
  for (const Bytes& extra : {kOneCcs, record(kCcs, Bytes{2})}) {
    auto f = client_flight(client_config("p256"), server_config("p256"));
    ASSERT_EQ(f.records.front().type, kCcs);
    Bytes wire = extra == kOneCcs ? kOneCcs : Bytes{};
    for (const auto& r : f.records) wire.insert(wire.end(), r.bytes.begin(), r.bytes.end());
    if (extra != kOneCcs) wire = join({extra, ByteView(wire)});
    (void)f.m.server->receive(wire);
    expect_dead(*f.m.server, f.m.server->handshake(), Error::unexpected_message, 10);
  }
}

TEST(HostilePeer, Tls13ChangeCipherSpecAfterAnEncryptedRecord) {
  auto cc = client_config("p256");
  cc->certificates.push_back(load_pair("p256", "client"));
  auto sc = server_config("p256");
  require_client_certificates(*sc, "p256");
  auto f = client_flight(cc, sc);
  auto peer = Access::peer_of_reader13(*f.m.server);
  uint64_t seq = Access::read_sequence(*f.m.server);
  Bytes hs;
  for (const auto& r : f.records)
    if (r.type == kAppData) {
      Bytes inner = open13(*peer, seq++, r);
      hs.insert(hs.end(), inner.begin(), inner.end());
    }
  auto msgs = split_messages(hs);  // Certificate, CertificateVerify, Finished
  ASSERT_EQ(msgs.size(), 3u);
  seq = Access::read_sequence(*f.m.server);
  Bytes cert = join({msgs[0], Bytes{kHandshake}});
  Bytes rest = join({msgs[1], msgs[2], Bytes{kHandshake}});
  Bytes wire = join({kOneCcs, seal13(*peer, seq, cert), kOneCcs, seal13(*peer, seq + 1, rest)});
  (void)f.m.server->receive(wire);
  expect_dead(*f.m.server, f.m.server->handshake(), Error::unexpected_message, 10);
}

// --- 9. ec_point_formats must offer uncompressed ---------------------------------------------

TEST(HostilePeer, EcPointFormatsWithoutUncompressed) {
  auto m = start(only12(client_config("p256")), only12(server_config("p256")));
  (void)m.client->handshake();
  ClientHelloRecord ch(take(*m.client));
  Bytes* formats = ch.find(0x000b);
  ASSERT_NE(formats, nullptr);
  *formats = {2, 1, 2};  // ansiX962_compressed_prime, ansiX962_compressed_char2
  (void)m.server->receive(ch.records());
  expect_dead(*m.server, m.server->handshake(), Error::illegal_parameter, 47);
}

// --- 10. RSA key exchange: a bad ciphertext fails at Finished, like any wrong premaster -----

TEST(HostilePeer, RsaKeyExchangeWithABadCiphertext) {
  // The RSA modulus of the server's certificate, for a ciphertext equal to it.
  auto pair = load_pair("rsa2048");
  auto spki = pair.chain[0]->public_key()->spki_der();
  ASSERT_TRUE(spki.ok());
  // SubjectPublicKeyInfo ... BIT STRING { SEQUENCE { INTEGER n ...: find 02 82 01 01 00.
  Bytes n;
  for (size_t i = 0; i + 5 + 256 <= spki->size(); ++i)
    if ((*spki)[i] == 2 && (*spki)[i + 1] == 0x82 && (*spki)[i + 2] == 1 && (*spki)[i + 3] == 1 &&
        (*spki)[i + 4] == 0) {
      n.assign(spki->begin() + static_cast<long>(i + 5),
               spki->begin() + static_cast<long>(i + 261));
      break;
    }
  ASSERT_EQ(n.size(), 256u);
  Bytes all_ff(256, 0xff), zeros(256, 0), shorter(255, 0x42), longer(257, 0x42), empty;
  for (const Bytes* bad : {&zeros, &n, &all_ff, &shorter, &longer, &empty}) {
    auto cc = only12(client_config("rsa2048"));
    cc->cipher_suites = {0x009c};  // TLS_RSA_WITH_AES_128_GCM_SHA256
    auto sc = only12(server_config("rsa2048"));
    auto m = start(cc, sc);
    (void)m.client->handshake();
    (void)m.server->receive(take(*m.client));
    (void)m.server->handshake();
    (void)m.client->receive(take(*m.server));
    (void)m.client->handshake();
    auto recs = split_records(take(*m.client));  // ClientKeyExchange, CCS, Finished
    ASSERT_EQ(recs.size(), 3u);
    ASSERT_EQ(recs[0].fragment()[0], 16);
    Bytes body = {static_cast<uint8_t>(bad->size() >> 8), static_cast<uint8_t>(bad->size())};
    body.insert(body.end(), bad->begin(), bad->end());
    Bytes msg = {16, 0, static_cast<uint8_t>(body.size() >> 8), static_cast<uint8_t>(body.size())};
    msg.insert(msg.end(), body.begin(), body.end());
    (void)m.server->receive(join({record(kHandshake, msg), recs[1].bytes, recs[2].bytes}));
    SCOPED_TRACE(bad->size());
    expect_dead(*m.server, m.server->handshake(), Error::bad_record_mac, 20);
  }
}

// --- 11. A very large ClientHello ------------------------------------------------------------

TEST(HostilePeer, VeryLargeClientHelloIsServed) {
  // About 128 KB, as large as a ClientHello's encoding allows (two 16-bit lists): 32,000
  // cipher suites the server does not know, then the real ones, and 480 unknown extensions
  // of 128 bytes, every one valid alone.
  for (bool tls12 : {false, true}) {
    auto cc = client_config("p256");
    auto sc = server_config("p256");
    if (tls12) only12(cc), only12(sc);
    auto m = start(cc, sc);
    (void)m.client->handshake();
    ClientHelloRecord ch(take(*m.client));
    Bytes unknown;
    for (int i = 0; i < 32000; ++i) unknown.insert(unknown.end(), {0xfe, static_cast<uint8_t>(i)});
    ch.suites.insert(ch.suites.begin(), unknown.begin(), unknown.end());
    std::vector<std::pair<uint16_t, Bytes>> many;
    for (uint16_t i = 0; i < 480; ++i) many.emplace_back(0xa000 + i, Bytes(128, 0x33));
    ch.extensions.insert(ch.extensions.begin(), many.begin(), many.end());
    Bytes wire = ch.records();
    ASSERT_GT(wire.size(), 125000u);
    (void)m.server->receive(wire);
    Status st = m.server->handshake();
    EXPECT_TRUE(st.ok() || st.error() == Error::want_read) << error_name(st.error());
    EXPECT_FALSE(take(*m.server).empty()) << "the server answers";
    EXPECT_FALSE(m.server->alert_sent().has_value());
  }
}

// A handshake message over the 256 KiB limit (kMaxHandshakeMessage; docs/tls.md) is refused
// from its header, before it is buffered.
TEST(HostilePeer, HandshakeMessageOverTheLimit) {
  auto m = start(client_config("p256"), server_config("p256"));
  Bytes header = {1, 0x04, 0x00, 0x01};  // a ClientHello of 256 KiB + 1
  (void)m.server->receive(record(kHandshake, header));
  expect_dead(*m.server, m.server->handshake(), Error::tls_decode_error, 50);
}

// --- 12. A plaintext alert where the client's encrypted Finished belongs ---------------------

TEST(HostilePeer, PlaintextAlertInsteadOfTheClientsFinished) {
  auto f = client_flight(client_config("p256"), server_config("p256"));
  (void)f.m.server->receive(join({kOneCcs, record(kAlert, Bytes{2, 40})}));
  Status st = f.m.server->handshake();
  ASSERT_FALSE(st.ok());
  EXPECT_EQ(st.error(), Error::peer_alert) << error_name(st.error());
  EXPECT_EQ(f.m.server->alert_received(), 40);
  // Nothing answered in plaintext (nor at all: the peer has given up).
  for (const auto& r : split_records(take(*f.m.server))) EXPECT_NE(r.type, kAlert);
  EXPECT_FALSE(f.m.server->handshake().ok());
}

// --- 13. TLS 1.3 inner plaintext limit -------------------------------------------------------

TEST(HostilePeer, Tls13InnerPlaintextOverTheLimit) {
  // content 2^14 + type: the largest allowed; one padding byte more: record_overflow.
  for (size_t extra : {size_t{0}, size_t{1}, size_t{200}}) {
    auto p = connected(client_config("p256"), server_config("p256"));
    Bytes inner(16384, 0x61);
    inner.push_back(kAppData);
    inner.resize(inner.size() + extra, 0);
    (void)p.server->receive(Access::seal_inner13(*p.client, inner));
    Bytes buf(20000);
    auto r = p.server->read(buf);
    SCOPED_TRACE(extra);
    if (extra == 0) {
      ASSERT_TRUE(r.ok()) << error_name(r.error());
      EXPECT_EQ(*r, 16384u);
    } else {
      expect_dead(*p.server, r.ok() ? Status{} : Status{r.error()}, Error::record_overflow, 22);
    }
  }
}

}  // namespace
}  // namespace ember::tls::test
