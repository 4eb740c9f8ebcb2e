// In-memory TLS 1.3 client <-> server: the matrix of groups, suites and key types, HRR,
// client authentication, ALPN, KeyUpdate, close_notify, and failures with their alerts.
#include "test_access.hpp"
#include "tls_test_util.hpp"

namespace ember::tls::test {
namespace {

void exchange_data(Pair& p) {
  ASSERT_TRUE(p.client->handshake_done());
  ASSERT_TRUE(p.server->handshake_done());
  std::string msg = "GET / HTTP/1.0\r\n\r\n";
  ASSERT_TRUE(p.client->write(as_bytes(msg)).ok());
  auto out = p.client->pending_output();
  ASSERT_TRUE(p.server->receive(out).ok());
  p.client->consume_output(out.size());
  uint8_t buf[256];
  auto n = p.server->read(buf);
  ASSERT_TRUE(n.ok()) << error_name(n.error());
  EXPECT_EQ(std::string(reinterpret_cast<char*>(buf), *n), msg);
  // And back.
  ASSERT_TRUE(p.server->write(as_bytes("pong")).ok());
  auto so = p.server->pending_output();
  ASSERT_TRUE(p.client->receive(so).ok());
  p.server->consume_output(so.size());
  auto m = p.client->read(buf);
  ASSERT_TRUE(m.ok()) << error_name(m.error());
  EXPECT_EQ(std::string(reinterpret_cast<char*>(buf), *m), "pong");
}

TEST(Tls13, BasicHandshakeAndData) {
  auto p = connect(client_config("p256"), server_config("p256"));
  ASSERT_TRUE(p.client_status.ok()) << error_name(p.client_status.error());
  ASSERT_TRUE(p.server_status.ok()) << error_name(p.server_status.error());
  EXPECT_EQ(p.client->info().cipher_suite, 0x1301);
  EXPECT_EQ(p.client->info().group, crypto::Group::x25519);
  EXPECT_EQ(p.client->info().signature_scheme, crypto::SignatureScheme::ecdsa_secp256r1_sha256);
  EXPECT_EQ(p.client->info().verify_flags, 0u);
  EXPECT_EQ(p.server->info().server_name, "localhost");
  exchange_data(p);
}

TEST(Tls13, MatrixOfSuitesGroupsAndKeys) {
  for (const char* type : {"p256", "p384", "rsa2048", "rsa3072", "ed25519", "ed448", "rsapss"}) {
    for (uint16_t suite : {0x1301, 0x1302, 0x1303, 0x1304, 0x1305}) {
      for (auto group : {crypto::Group::x25519, crypto::Group::secp256r1, crypto::Group::secp384r1,
                         crypto::Group::secp521r1, crypto::Group::x448, crypto::Group::ffdhe2048}) {
        SCOPED_TRACE(std::string(type) + " " + std::string(suite_name(suite)) + " " +
                     std::string(crypto::group_name(group)));
        auto cc = client_config(type);
        cc->cipher_suites = {suite};
        cc->groups = {group};
        auto p = connect(cc, server_config(type));
        ASSERT_TRUE(p.client_status.ok()) << error_name(p.client_status.error());
        ASSERT_TRUE(p.server_status.ok()) << error_name(p.server_status.error());
        EXPECT_EQ(p.client->info().cipher_suite, suite);
        EXPECT_EQ(p.server->info().group, group);
        exchange_data(p);
      }
    }
  }
}

// RSASSA-PSS keys (id-RSASSA-PSS certificates, whole chain): the rsa_pss_pss_* schemes on
// both sides of a client-authenticated handshake; rsa_pss_rsae_* would be wrong for them.
TEST(Tls13, RsaPssKeysUseRsaPssPssSchemes) {
  auto cc = client_config("rsapss");
  cc->certificates.push_back(load_pair("rsapss", "client"));
  auto sc = server_config("rsapss");
  require_client_certificates(*sc, "rsapss");
  auto p = connect(cc, sc);
  ASSERT_TRUE(p.client_status.ok()) << error_name(p.client_status.error());
  ASSERT_TRUE(p.server_status.ok()) << error_name(p.server_status.error());
  EXPECT_EQ(p.client->info().signature_scheme, crypto::SignatureScheme::rsa_pss_pss_sha256);
  EXPECT_EQ(p.server->info().signature_scheme, crypto::SignatureScheme::rsa_pss_pss_sha256);
  EXPECT_EQ(p.client->info().verify_flags, 0u);
  EXPECT_EQ(p.server->info().verify_flags, 0u);
  exchange_data(p);
  // A client that only offers rsa_pss_rsae_* cannot take a PSS-key certificate.
  auto rsae = client_config("rsapss");
  rsae->signature_schemes = {crypto::SignatureScheme::rsa_pss_rsae_sha256,
                             crypto::SignatureScheme::ecdsa_secp256r1_sha256};
  auto q = connect(rsae, server_config("rsapss"));
  EXPECT_FALSE(q.server_status.ok());
  EXPECT_FALSE(q.client_status.ok());
}

TEST(Tls13, HelloRetryRequest) {
  auto cc = client_config("p256");
  cc->groups = {crypto::Group::x25519, crypto::Group::secp384r1};
  auto sc = server_config("p256");
  sc->groups = {crypto::Group::secp384r1};
  auto p = connect(cc, sc);
  ASSERT_TRUE(p.client_status.ok()) << error_name(p.client_status.error());
  ASSERT_TRUE(p.server_status.ok()) << error_name(p.server_status.error());
  EXPECT_TRUE(p.client->info().hello_retry);
  EXPECT_EQ(p.client->info().group, crypto::Group::secp384r1);
  exchange_data(p);
}

TEST(Tls13, ClientAuthentication) {
  auto cc = client_config("p256");
  cc->certificates.push_back(load_pair("p256", "client"));
  auto sc = server_config("p256");
  require_client_certificates(*sc, "p256");
  auto p = connect(cc, sc);
  ASSERT_TRUE(p.server_status.ok()) << error_name(p.server_status.error());
  ASSERT_EQ(p.server->info().peer_chain.size(), 2u);
  EXPECT_EQ(p.server->info().verify_flags, 0u);
  exchange_data(p);

  // Without a client certificate: certificate_required.
  auto p2 = connect(client_config("p256"), sc);
  EXPECT_EQ(p2.server_status.error(), Error::certificate_required);
  EXPECT_EQ(p2.server->alert_sent(), 116);
}

TEST(Tls13, Alpn) {
  auto cc = client_config("p256");
  cc->alpn = {"h2", "http/1.1"};
  auto sc = server_config("p256");
  sc->alpn = {"http/1.1"};
  auto p = connect(cc, sc);
  ASSERT_TRUE(p.client_status.ok());
  EXPECT_EQ(p.client->info().alpn, "http/1.1");
  sc->alpn = {"imap"};
  auto p2 = connect(cc, sc);
  EXPECT_EQ(p2.server_status.error(), Error::no_application_protocol);
  EXPECT_EQ(p2.client->alert_received(), 120);
}

TEST(Tls13, KeyUpdateBothWays) {
  auto p = connect(client_config("p256"), server_config("p256"));
  ASSERT_TRUE(p.client->handshake_done());
  ASSERT_TRUE(p.client->key_update(true).ok());
  exchange_data(p);  // server processes the update (and answers it) while reading
  exchange_data(p);
}

TEST(Tls13, WrongHostAndUntrustedRoot) {
  auto p = connect(client_config("p256"), server_config("p256"), "other.test");
  EXPECT_EQ(p.client_status.error(), Error::bad_certificate);
  EXPECT_EQ(p.client->info().verify_flags, x509::flag::kCnMismatch);
  EXPECT_EQ(p.server->alert_received(), 42);
  auto p2 = connect(client_config("p384"), server_config("p256"));
  EXPECT_EQ(p2.client_status.error(), Error::unknown_ca);
  EXPECT_EQ(p2.server->alert_received(), 48);
  // Optional verification completes and reports the flags.
  auto cc = client_config("p384");
  cc->verify = VerifyMode::optional;
  auto p3 = connect(cc, server_config("p256"));
  EXPECT_TRUE(p3.client_status.ok());
  EXPECT_EQ(p3.client->info().verify_flags, x509::flag::kNotTrusted);
}

TEST(Tls13, HostNameRequiredUnlessDisabled) {
  auto cc = client_config("p256");
  EXPECT_EQ(Connection::client(cc, "").error(), Error::hostname_required);
  cc->check_host_name = false;
  EXPECT_TRUE(Connection::client(cc, "").ok());
}

TEST(Tls13, CloseNotify) {
  auto p = connect(client_config("p256"), server_config("p256"));
  ASSERT_TRUE(p.client->close().ok());
  auto out = p.client->pending_output();
  ASSERT_TRUE(p.server->receive(out).ok());
  uint8_t buf[16];
  EXPECT_EQ(p.server->read(buf).error(), Error::peer_close_notify);
}

}  // namespace
}  // namespace ember::tls::test

namespace ember::tls::test {
namespace {

Bytes first_session(std::shared_ptr<Config> cc, std::shared_ptr<Config> sc) {
  auto p = connect(cc, sc);
  EXPECT_TRUE(p.client_status.ok());
  // The server's NewSessionTicket follows its handshake; the client takes it while reading.
  auto so = p.server->pending_output();
  (void)p.client->receive(so);
  p.server->consume_output(so.size());
  uint8_t buf[16];
  EXPECT_EQ(p.client->read(buf).error(), Error::want_read);
  return p.client->export_session();
}

TEST(Tls13Resumption, TicketResumesAcrossConnections) {
  auto cc = client_config("p256");
  auto sc = server_config("p256");
  Bytes session = first_session(cc, sc);
  ASSERT_FALSE(session.empty());
  auto c = std::move(*Connection::client(cc, "localhost"));
  ASSERT_TRUE(c->set_session(session).ok());
  Pair p{std::move(c), std::move(*Connection::server(sc)), {}, {}};
  pump(p);
  ASSERT_TRUE(p.client_status.ok()) << error_name(p.client_status.error());
  ASSERT_TRUE(p.server_status.ok()) << error_name(p.server_status.error());
  EXPECT_TRUE(p.client->info().resumed);
  EXPECT_TRUE(p.server->info().resumed);
  // No certificates are sent on resumption; the session remembers the server's leaf and its
  // verification result.
  ASSERT_EQ(p.client->info().peer_chain.size(), 1u);
  EXPECT_EQ(p.client->info().peer_chain[0]->subject().to_string().find("CN=localhost"), 0u);
  EXPECT_EQ(p.client->info().verify_flags, 0u);
  // Resumption with a HelloRetryRequest on the way.
  auto cc2 = client_config("p256");
  cc2->groups = {crypto::Group::x448, crypto::Group::secp256r1};
  auto sc2 = server_config("p256");
  sc2->groups = {crypto::Group::secp256r1};
  auto c2 = std::move(*Connection::client(cc2, "localhost"));
  ASSERT_TRUE(c2->set_session(session).ok());
  Pair p2{std::move(c2), std::move(*Connection::server(sc2)), {}, {}};
  pump(p2);
  ASSERT_TRUE(p2.client_status.ok()) << error_name(p2.client_status.error());
  EXPECT_TRUE(p2.client->info().resumed);
  EXPECT_TRUE(p2.client->info().hello_retry);
}

TEST(Tls13Resumption, ExpiredOrForeignTicketsFallBackToFullHandshake) {
  uint64_t fake_now = 1'900'000'000'000;
  auto cc = client_config("p256");
  cc->clock_ms = [&] { return fake_now; };
  auto sc = server_config("p256");
  sc->ticket_lifetime_s = 60;
  sc->clock_ms = [&] { return fake_now; };
  sc->ticket_keys = std::make_shared<TicketKeys>();
  Bytes session = first_session(cc, sc);
  ASSERT_FALSE(session.empty());
  fake_now += 61'000;  // past the lifetime: the client no longer offers it
  auto c = std::move(*Connection::client(cc, "localhost"));
  EXPECT_EQ(c->set_session(session).error(), Error::session_invalid);
  // A ticket from another server's keys: full handshake, no error.
  fake_now -= 61'000;
  auto other = server_config("p256");
  other->ticket_keys = std::make_shared<TicketKeys>();
  other->clock_ms = sc->clock_ms;
  auto c2 = std::move(*Connection::client(cc, "localhost"));
  ASSERT_TRUE(c2->set_session(session).ok());
  Pair p{std::move(c2), std::move(*Connection::server(other)), {}, {}};
  pump(p);
  ASSERT_TRUE(p.client_status.ok()) << error_name(p.client_status.error());
  EXPECT_FALSE(p.client->info().resumed);
  EXPECT_FALSE(p.client->info().peer_chain.empty());
  // Rotated twice: the old ticket no longer opens.
  sc->ticket_keys->rotate();
  sc->ticket_keys->rotate();
  auto c3 = std::move(*Connection::client(cc, "localhost"));
  ASSERT_TRUE(c3->set_session(session).ok());
  Pair p3{std::move(c3), std::move(*Connection::server(sc)), {}, {}};
  pump(p3);
  EXPECT_TRUE(p3.client_status.ok());
  EXPECT_FALSE(p3.client->info().resumed);
}

}  // namespace
}  // namespace ember::tls::test

namespace ember::tls::test {
namespace {

// Sizes of the records in a byte stream.
std::vector<size_t> record_sizes(ByteView out) {
  std::vector<size_t> sizes;
  for (size_t off = 0; off + 5 <= out.size();) {
    size_t len = (size_t{out[off + 3]} << 8) | out[off + 4];
    sizes.push_back(len);
    off += 5 + len;
  }
  return sizes;
}

TEST(Tls13Records, PaddingHidesLengths) {
  auto cc = client_config("p256");
  cc->record_padding_block = 256;
  auto p = connect(cc, server_config("p256"));
  ASSERT_TRUE(p.client->handshake_done());
  ASSERT_TRUE(p.client->write(as_bytes("x")).ok());
  auto sizes = record_sizes(p.client->pending_output());
  ASSERT_EQ(sizes.size(), 1u);
  EXPECT_EQ(sizes[0], 256u + 16u);  // padded inner plaintext + GCM tag
  (void)p.server->receive(p.client->pending_output());
  p.client->consume_output(p.client->pending_output().size());
  uint8_t buf[8];
  auto n = p.server->read(buf);
  ASSERT_TRUE(n.ok());
  EXPECT_EQ(*n, 1u);
}

// Records of every size, padded or not, read back through buffers of every size: the direct
// path (opening into the caller's buffer, the record's end spilling into scratch) and the
// buffered path must hand out the same bytes, with post-handshake messages (the ticket, a
// KeyUpdate) handled on the way.
TEST(Tls13Records, AnyRecordSizeIntoAnyReadSize) {
  for (size_t pad : {size_t{0}, size_t{512}}) {
    for (size_t rec : {1, 15, 16, 17, 200, 255, 256, 300, 1000, 16383, 16384}) {
      for (size_t rd : {1, 7, 16, 17, 255, 256, 257, 4096, 16384, 20000}) {
        SCOPED_TRACE("pad " + std::to_string(pad) + " record " + std::to_string(rec) + " read " +
                     std::to_string(rd));
        auto sc = server_config("p256");
        sc->record_padding_block = pad;
        auto p = connect(client_config("p256"), sc);
        ASSERT_TRUE(p.server->handshake_done());
        ASSERT_TRUE(p.server->key_update(true).ok());
        Bytes sent;
        for (int r = 0; r < 3; ++r) {
          Bytes chunk(rec);
          for (size_t i = 0; i < rec; ++i) chunk[i] = static_cast<uint8_t>(i * 31 + r * 7 + 1);
          ASSERT_TRUE(p.server->write(chunk).ok());
          sent.insert(sent.end(), chunk.begin(), chunk.end());
        }
        (void)p.client->receive(p.server->pending_output());
        p.server->consume_output(p.server->pending_output().size());
        Bytes got, buf(rd);
        while (got.size() < sent.size()) {
          auto n = p.client->read(buf);
          ASSERT_TRUE(n.ok()) << error_name(n.error());
          ASSERT_GT(*n, 0u);
          ASSERT_LE(*n, rd);
          got.insert(got.end(), buf.begin(), buf.begin() + static_cast<long>(*n));
        }
        EXPECT_EQ(got, sent);
        EXPECT_EQ(p.client->read(buf).error(), Error::want_read);
        // The client answered the KeyUpdate: the server still reads it.
        ASSERT_TRUE(p.client->write(as_bytes("ok")).ok());
        (void)p.server->receive(p.client->pending_output());
        p.client->consume_output(p.client->pending_output().size());
        uint8_t two[2];
        auto m = p.server->read(two);
        ASSERT_TRUE(m.ok()) << error_name(m.error());
        EXPECT_EQ(*m, 2u);
      }
    }
  }
}

// A connected pair whose server has written `count` chunks (chunk r holds size_of(r) bytes):
// what was written, and the records that carry it.
struct ServerStream {
  Pair p;
  Bytes sent, wire;
};
ServerStream server_stream(Version version, int count, size_t (*size_of)(int)) {
  auto cc = client_config("p256");
  cc->max_version = version;
  ServerStream s{connect(cc, server_config("p256")), {}, {}};
  EXPECT_TRUE(s.p.client->handshake_done());
  for (int r = 0; r < count; ++r) {
    Bytes chunk(size_of(r), static_cast<uint8_t>(r * 7));
    EXPECT_TRUE(s.p.server->write(chunk).ok());
    s.sent.insert(s.sent.end(), chunk.begin(), chunk.end());
  }
  s.wire.assign(s.p.server->pending_output().begin(), s.p.server->pending_output().end());
  s.p.server->consume_output(s.wire.size());
  return s;
}

// Reads through buffers of `room` bytes until want_read, appending to got.
void read_available(Connection& c, MutableByteView buf, size_t room, Bytes& got) {
  while (true) {
    auto n = c.read(buf.first(std::min(room, buf.size())));
    if (!n) {
      EXPECT_EQ(n.error(), Error::want_read);
      return;
    }
    got.insert(got.end(), buf.begin(), buf.begin() + static_cast<long>(*n));
  }
}

// A transport that never delivers whole records (1,500-byte chunks of 1 KiB records, a
// partial record always left over): the input buffer must stay about one chunk plus one
// record, not keep the whole stream (it grew without bound before it was compacted).
TEST(Tls13Records, InputBufferStaysBoundedWhateverTheChunking) {
  for (auto version : {Version::tls13, Version::tls12}) {
    auto s = server_stream(version, 300, [](int) { return size_t{1000}; });
    Bytes got, buf(4096);
    size_t most = 0;
    auto* conn = static_cast<TlsConnection*>(s.p.client.get());
    for (size_t off = 0; off < s.wire.size(); off += 1500) {
      size_t n = std::min<size_t>(1500, s.wire.size() - off);
      ASSERT_TRUE(s.p.client->receive(ByteView(s.wire).subspan(off, n)).ok());
      most = std::max(most, TlsConnectionTestAccess::input_buffered(*conn));
      read_available(*s.p.client, buf, buf.size(), got);
    }
    EXPECT_EQ(got, s.sent);
    EXPECT_LE(most, 1500u + 1100u) << version_name(version);
  }
}

// Zero-copy input: bytes read into input_space() and committed are processed exactly as if
// receive() had been given them, with reads of any size in between; an uncommitted space is
// discarded by any other call, and committing more than the space is refused.
TEST(Tls13Records, InputSpaceIsReceiveWithoutACopy) {
  for (auto version : {Version::tls13, Version::tls12}) {
    auto s =
        server_stream(version, 40, [](int r) { return static_cast<size_t>(r) * 331 % 5000 + 1; });
    auto& p = s.p;
    Bytes got, buf(3000);
    size_t step = 1;
    for (size_t off = 0; off < s.wire.size();) {
      size_t n = std::min(step, s.wire.size() - off);
      auto space = p.client->input_space(n + 17);  // more room than the transport fills
      ASSERT_EQ(space.size(), n + 17);
      std::memcpy(space.data(), s.wire.data() + off, n);
      ASSERT_TRUE(p.client->commit_input(n).ok());
      off += n;
      step = step * 3 % 7001 + 1;
      read_available(*p.client, buf, step % buf.size() + 1, got);
    }
    EXPECT_EQ(got, s.sent) << version_name(version);

    // A space that another call overtook is gone; more than the space is refused.
    (void)p.client->input_space(100);
    auto r = p.client->read(buf);
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error(), Error::want_read);
    EXPECT_EQ(p.client->commit_input(10).error(), Error::bad_state);
    (void)p.client->input_space(100);
    EXPECT_EQ(p.client->commit_input(101).error(), Error::invalid_argument);
    EXPECT_EQ(p.client->commit_input(0).error(), Error::bad_state);
    // And the connection still works.
    ASSERT_TRUE(p.server->write(as_bytes(std::string("after"))).ok());
    auto out = p.server->pending_output();
    auto space = p.client->input_space(out.size());
    std::memcpy(space.data(), out.data(), out.size());
    ASSERT_TRUE(p.client->commit_input(out.size()).ok());
    p.server->consume_output(out.size());
    auto m = p.client->read(buf);
    ASSERT_TRUE(m.ok()) << error_name(m.error());
    EXPECT_EQ(std::string(buf.begin(), buf.begin() + static_cast<long>(*m)), "after");
  }
}

TEST(Tls13Records, RecordSizeLimitIsHonoured) {
  auto cc = client_config("p256");
  cc->record_size_limit = 64;
  auto p = connect(cc, server_config("p256"));
  ASSERT_TRUE(p.server->handshake_done());
  Bytes big(1000, 'a');
  ASSERT_TRUE(p.server->write(big).ok());
  auto sizes = record_sizes(p.server->pending_output());
  EXPECT_EQ(sizes.size(), 16u);  // 63 bytes of data per record
  for (size_t s : sizes) EXPECT_LE(s, 64u + 16u);
  (void)p.client->receive(p.server->pending_output());
  p.server->consume_output(p.server->pending_output().size());
  Bytes got;
  uint8_t buf[2048];
  while (true) {
    auto n = p.client->read(buf);
    if (!n) break;
    got.insert(got.end(), buf, buf + *n);
  }
  EXPECT_EQ(got, big);
}

// The server's encrypted flight (EncryptedExtensions, Certificate, CertificateVerify,
// Finished) is coalesced into one record when it fits, and split at the peer's
// record_size_limit when it does not; either way the client completes.
TEST(Tls13Records, ServerFlightIsCoalesced) {
  for (size_t limit : {size_t{0}, size_t{200}}) {
    auto cc = client_config("p256");
    if (limit != 0) cc->record_size_limit = limit;
    auto c = std::move(*Connection::client(cc, "localhost"));
    auto s = std::move(*Connection::server(server_config("p256")));
    ASSERT_EQ(c->handshake().error(), Error::want_read);
    ASSERT_TRUE(s->receive(c->pending_output()).ok());
    c->consume_output(c->pending_output().size());
    ASSERT_EQ(s->handshake().error(), Error::want_read);
    ByteView flight = s->pending_output();
    std::vector<uint8_t> types;
    std::vector<size_t> sizes;
    for (size_t off = 0; off + 5 <= flight.size();) {
      size_t len = (size_t{flight[off + 3]} << 8) | flight[off + 4];
      types.push_back(flight[off]);
      sizes.push_back(len);
      off += 5 + len;
    }
    // ServerHello, the compatibility change_cipher_spec, then the protected records.
    ASSERT_GE(types.size(), 3u);
    EXPECT_EQ(types[0], 22);
    EXPECT_EQ(types[1], 20);
    size_t protected_bytes = 0;
    for (size_t i = 2; i < types.size(); ++i) {
      EXPECT_EQ(types[i], 23);
      if (limit != 0) {
        EXPECT_LE(sizes[i], limit + 16);
      }
      protected_bytes += sizes[i] - 17;  // tag and content type
    }
    if (limit == 0) {
      EXPECT_EQ(types.size(), 3u) << "EncryptedExtensions .. Finished in one record";
    } else {
      EXPECT_EQ(types.size() - 2, (protected_bytes + limit - 2) / (limit - 1));
    }
    ASSERT_TRUE(c->receive(flight).ok());
    s->consume_output(flight.size());
    EXPECT_TRUE(c->handshake().ok());
    ASSERT_TRUE(s->receive(c->pending_output()).ok());
    EXPECT_TRUE(s->handshake().ok());
  }
}

TEST(Tls13Resumption, PskKeWithoutEcdhe) {
  auto cc = client_config("p256");
  cc->allow_psk_ke = true;
  auto sc = server_config("p256");
  sc->allow_psk_ke = true;
  auto p0 = connect(cc, sc);
  auto so = p0.server->pending_output();
  (void)p0.client->receive(so);
  p0.server->consume_output(so.size());
  uint8_t buf[16];
  (void)p0.client->read(buf);
  Bytes session = p0.client->export_session();
  ASSERT_FALSE(session.empty());
  // Both sides allow psk_ke: the resumption skips the key exchange.
  auto c = std::move(*Connection::client(cc, "localhost"));
  ASSERT_TRUE(c->set_session(session).ok());
  Pair p{std::move(c), std::move(*Connection::server(sc)), {}, {}};
  pump(p);
  ASSERT_TRUE(p.client_status.ok()) << error_name(p.client_status.error());
  EXPECT_TRUE(p.client->info().resumed);
  EXPECT_FALSE(p.client->info().group.has_value());
  EXPECT_FALSE(p.server->info().group.has_value());
  exchange_data(p);
  // A server that does not allow psk_ke keeps (EC)DHE for the same client.
  auto sc2 = server_config("p256");
  sc2->ticket_keys = sc->ticket_keys;
  auto c2 = std::move(*Connection::client(cc, "localhost"));
  ASSERT_TRUE(c2->set_session(session).ok());
  Pair p2{std::move(c2), std::move(*Connection::server(sc2)), {}, {}};
  pump(p2);
  ASSERT_TRUE(p2.client_status.ok());
  EXPECT_TRUE(p2.client->info().resumed);
  EXPECT_TRUE(p2.client->info().group.has_value());
}

}  // namespace
}  // namespace ember::tls::test
