// Handshake I/O (src/tls/hs/): reassembly across and within records, the transcript with its
// HelloRetryRequest restart, and flights.
#include <gtest/gtest.h>

#include "ember/crypto/provider.hpp"
#include "tls/hs/handshake_io.hpp"

namespace ember::tls::hs {
namespace {

const crypto::Provider& P() {
  return crypto::default_provider();
}

TEST(Reassembler, MessagesAcrossAndWithinRecords) {
  Bytes a = make_message(1, Bytes(300, 0xaa));
  Bytes b = make_message(11, Bytes(5, 0xbb));
  Bytes c = make_message(20, {});
  Bytes wire = a;
  wire.insert(wire.end(), b.begin(), b.end());
  wire.insert(wire.end(), c.begin(), c.end());
  // Every way of cutting the stream in two records gives the same three messages.
  for (size_t cut = 0; cut <= wire.size(); ++cut) {
    Reassembler r(1000);
    ASSERT_TRUE(r.add(ByteView(wire).first(cut)).ok());
    ASSERT_TRUE(r.add(ByteView(wire).subspan(cut)).ok());
    EXPECT_FALSE(r.partial());
    std::vector<Message> got;
    while (r.has_message()) got.push_back(r.take());
    ASSERT_EQ(got.size(), 3u) << cut;
    EXPECT_EQ(got[0].type, 1);
    EXPECT_EQ(got[0].raw, a);
    EXPECT_EQ(got[1].body().size(), 5u);
    EXPECT_EQ(got[2].raw, c);
    EXPECT_TRUE(got[2].body().empty());
  }
  // A partial message is reported as such until its last byte comes.
  Reassembler r(1000);
  ASSERT_TRUE(r.add(ByteView(a).first(3)).ok());  // not even the whole header
  EXPECT_TRUE(r.partial());
  EXPECT_FALSE(r.has_message());
  ASSERT_TRUE(r.add(ByteView(a).subspan(3, a.size() - 4)).ok());
  EXPECT_TRUE(r.partial());
  ASSERT_TRUE(r.add(ByteView(a).last(1)).ok());
  EXPECT_FALSE(r.partial());
  EXPECT_TRUE(r.has_message());
}

TEST(Reassembler, OverTheLimitFromTheHeader) {
  Reassembler r(1000);
  EXPECT_TRUE(r.add(Bytes{1, 0, 0x03, 0xe8}).ok());  // exactly the limit: waits for the body
  Reassembler r2(1000);
  EXPECT_EQ(r2.add(Bytes{1, 0, 0x03, 0xe9}).error(), Error::tls_decode_error);
}

TEST(Transcript, HashesMessagesAndKeepsThemOnlyWhenAsked) {
  Bytes ch = make_message(1, Bytes(40, 1)), sh = make_message(2, Bytes(20, 2));
  Transcript t;
  EXPECT_FALSE(t.started());
  ASSERT_TRUE(t.start(P(), crypto::HashAlg::sha256, true).ok());
  t.add(ch);
  t.add(sh);
  Bytes both = ch;
  both.insert(both.end(), sh.begin(), sh.end());
  Bytes want(32);
  ASSERT_TRUE(P().hash(crypto::HashAlg::sha256, both, want).ok());
  EXPECT_EQ(t.hash(), want);
  EXPECT_EQ(Bytes(t.messages().begin(), t.messages().end()), both);
  t.forget_messages();
  EXPECT_TRUE(t.messages().empty());
  EXPECT_EQ(t.hash(), want);  // the hash runs on
  Transcript t13;
  ASSERT_TRUE(t13.start(P(), crypto::HashAlg::sha384, false).ok());
  t13.add(ch);
  EXPECT_TRUE(t13.messages().empty());
  EXPECT_EQ(t13.hash().size(), 48u);
}

// RFC 8446 §4.4.1: message_hash || 00 00 Hash.length || Hash(ClientHello1), then the rest.
TEST(Transcript, HelloRetryRequestRestart) {
  Bytes ch1 = make_message(1, Bytes(60, 7)), hrr = make_message(2, Bytes(30, 8));
  Transcript t;
  ASSERT_TRUE(t.start(P(), crypto::HashAlg::sha256, false).ok());
  t.add(ch1);
  ASSERT_TRUE(t.restart_with_message_hash(P()).ok());
  t.add(hrr);
  Bytes h1(32);
  ASSERT_TRUE(P().hash(crypto::HashAlg::sha256, ch1, h1).ok());
  Bytes manual = {254, 0, 0, 32};
  manual.insert(manual.end(), h1.begin(), h1.end());
  manual.insert(manual.end(), hrr.begin(), hrr.end());
  Bytes want(32);
  ASSERT_TRUE(P().hash(crypto::HashAlg::sha256, manual, want).ok());
  EXPECT_EQ(t.hash(), want);
  // A fork runs on independently.
  auto f = t.fork();
  f->update(Bytes{1, 2, 3});
  EXPECT_EQ(t.hash(), want);
}

TEST(Flight, CollectsUntilClosedAndAbandonsOnFailure) {
  Flight f;
  EXPECT_FALSE(f.open());
  f.begin();
  f.add(make_message(8, Bytes(2, 0)));
  f.add(make_message(20, Bytes(32, 1)));
  EXPECT_TRUE(f.open());
  Bytes out = f.close();
  EXPECT_FALSE(f.open());
  EXPECT_EQ(out.size(), 6u + 36u);
  f.begin();
  f.add(make_message(8, {}));
  f.abandon();
  EXPECT_FALSE(f.open());
  f.begin();
  EXPECT_TRUE(f.close().empty());  // nothing of the abandoned flight is left
}

}  // namespace
}  // namespace ember::tls::hs
