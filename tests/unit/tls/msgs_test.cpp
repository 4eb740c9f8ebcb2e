// Message codecs (src/tls/msgs/) and the extension registry (src/tls/ext/): RFC 8448 §3's
// ClientHello and ServerHello decoded field by field, round trips of every message, and the
// registry's rules (duplicates, extensions out of place, answers that were never asked for).
#include <gtest/gtest.h>

#include <cctype>
#include <string>

#include "tls/msgs/messages.hpp"

namespace ember::tls::msgs {
namespace {

Bytes hx(const char* text) {
  std::string digits;
  for (const char* p = text; *p; ++p)
    if (std::isxdigit(static_cast<unsigned char>(*p))) digits += *p;
  return from_hex(digits);
}

// RFC 8448 §3: the ClientHello body (after its 4-byte header) and the ServerHello body.
const char kClientHelloBody[] =
    "03 03 cb 34 ec b1 e7 81 63 ba 1c 38 c6 da cb 19 6a 6d ff a2 1a 8d 99 12 ec 18 "
    "a2 ef 62 83 02 4d ec e7 00 00 06 13 01 13 03 13 02 01 00 00 91 00 00 00 0b 00 09 00 00 06 "
    "73 65 72 76 65 72 ff 01 00 01 00 00 0a 00 14 00 12 00 1d 00 17 00 18 00 19 01 00 01 01 01 "
    "02 01 03 01 04 00 23 00 00 00 33 00 26 00 24 00 1d 00 20 99 38 1d e5 60 e4 bd 43 d2 3d 8e "
    "43 5a 7d ba fe b3 c0 6e 51 c1 3c ae 4d 54 13 69 1e 52 9a af 2c 00 2b 00 03 02 03 04 00 0d "
    "00 20 00 1e 04 03 05 03 06 03 02 03 08 04 08 05 08 06 04 01 05 01 06 01 02 01 04 02 05 02 "
    "06 02 02 02 00 2d 00 02 01 01 00 1c 00 02 40 01";
const char kServerHelloBody[] =
    "03 03 a6 af 06 a4 12 18 60 dc 5e 6e 60 24 9c d3 4c 95 93 0c 8a "
    "c5 cb 14 34 da c1 55 77 2e d3 e2 69 28 00 13 01 00 00 2e 00 33 00 24 00 1d 00 20 c9 82 88 "
    "76 11 20 95 fe 66 76 2b db f7 c6 72 e1 56 d6 cc 25 3b 83 3d f1 dd 69 b1 b0 4e 75 1f 0f 00 "
    "2b 00 02 03 04";

TEST(Msgs, Rfc8448ClientHello) {
  Bytes body = hx(kClientHelloBody);
  ClientHello ch;
  ASSERT_TRUE(decode(body, ch).ok());
  EXPECT_EQ(ch.legacy_version, 0x0303);
  EXPECT_EQ(to_hex(ch.random).substr(0, 8), "cb34ecb1");
  EXPECT_TRUE(ch.session_id.empty());
  EXPECT_EQ(ch.cipher_suites, (std::vector<uint16_t>{0x1301, 0x1303, 0x1302}));
  EXPECT_TRUE(ch.null_compression_only());
  const auto& e = ch.extensions;
  EXPECT_EQ(e.server_name, "server");
  ASSERT_TRUE(e.supported_groups.has_value());
  EXPECT_EQ(e.supported_groups->size(), 9u);
  EXPECT_EQ((*e.supported_groups)[0], crypto::Group::x25519);
  ASSERT_TRUE(e.client_shares.has_value());
  ASSERT_EQ(e.client_shares->size(), 1u);
  EXPECT_EQ(to_hex((*e.client_shares)[0].key_exchange).substr(0, 8), "99381de5");
  EXPECT_EQ(e.supported_versions, (std::vector<uint16_t>{0x0304}));
  ASSERT_TRUE(e.signature_algorithms.has_value());
  EXPECT_EQ(e.signature_algorithms->size(), 15u);
  EXPECT_EQ(e.record_size_limit, 0x4001);
  ASSERT_TRUE(e.renegotiation_info.has_value());
  EXPECT_TRUE(e.renegotiation_info->empty());
  ASSERT_TRUE(e.session_ticket.has_value());
  ASSERT_TRUE(e.psk_key_exchange_modes.has_value());
  EXPECT_EQ(e.received.size(), 9u);

  // Re-encoded and decoded again: the same content (our extension order may differ).
  Bytes again = encode(ch);
  ClientHello ch2;
  ASSERT_TRUE(decode(again, ch2).ok());
  EXPECT_EQ(ch2.cipher_suites, ch.cipher_suites);
  EXPECT_EQ(ch2.extensions.server_name, "server");
  EXPECT_EQ(ch2.extensions.supported_versions, e.supported_versions);
  EXPECT_EQ(ch2.extensions.record_size_limit, e.record_size_limit);
  EXPECT_EQ(ch2.extensions.received.size(), e.received.size());
  EXPECT_EQ(binders_size(ch2), 0u);
}

TEST(Msgs, Rfc8448ServerHello) {
  Bytes body = hx(kServerHelloBody);
  ServerHello sh;
  ASSERT_TRUE(decode(body, sh).ok());
  EXPECT_FALSE(sh.is_hello_retry_request());
  EXPECT_TRUE(sh.has_supported_versions());
  EXPECT_EQ(sh.cipher_suite, 0x1301);
  std::vector<uint16_t> offered = {ext::kKeyShare, ext::kSupportedVersions};
  ASSERT_TRUE(decode_extensions(sh, ext::Message::server_hello, offered).ok());
  EXPECT_EQ(sh.extensions.selected_version, 0x0304);
  ASSERT_TRUE(sh.extensions.server_share.has_value());
  EXPECT_EQ(sh.extensions.server_share->group, crypto::Group::x25519);
  EXPECT_EQ(sh.extensions.server_share->key_exchange.size(), 32u);
  // Re-encoded: the same fields, in our order (supported_versions first).
  Bytes again = encode(sh, ext::Message::server_hello);
  EXPECT_EQ(again.size(), body.size());
  ServerHello sh2;
  ASSERT_TRUE(decode(again, sh2).ok());
  ASSERT_TRUE(decode_extensions(sh2, ext::Message::server_hello, offered).ok());
  EXPECT_EQ(to_hex(sh2.extensions.server_share->key_exchange),
            to_hex(sh.extensions.server_share->key_exchange));
  // An answer may carry only what the client offered.
  ServerHello sh3;
  ASSERT_TRUE(decode(body, sh3).ok());
  std::vector<uint16_t> only_versions = {ext::kSupportedVersions};
  EXPECT_EQ(decode_extensions(sh3, ext::Message::server_hello, only_versions).error(),
            Error::unsupported_extension);
}

// A ClientHello with the given extension block (raw bytes after the fixed fields).
Bytes client_hello_with(const Bytes& block) {
  Bytes b = {3, 3};
  b.resize(2 + 32, 0x11);
  b.insert(b.end(), {0, 0, 2, 0x13, 0x01, 1, 0});
  b.push_back(static_cast<uint8_t>(block.size() >> 8));
  b.push_back(static_cast<uint8_t>(block.size()));
  b.insert(b.end(), block.begin(), block.end());
  return b;
}

TEST(Registry, RefusesDuplicatesMisplacedAndUnrequestedExtensions) {
  ClientHello ch;
  // Duplicate supported_versions.
  Bytes dup = {0, 43, 0, 3, 2, 3, 4, 0, 43, 0, 3, 2, 3, 4};
  EXPECT_EQ(decode(client_hello_with(dup), ch).error(), Error::illegal_parameter);
  // pre_shared_key not last.
  ClientHello ch2;
  Bytes psk = {0, 41, 0, 0x2f, 0, 0x0a, 0, 4, 1, 2, 3, 4, 0, 0, 0, 0, 0, 0x21, 0x20};
  psk.resize(psk.size() + 32, 0xbb);
  psk.insert(psk.end(), {0, 43, 0, 3, 2, 3, 4});
  EXPECT_EQ(decode(client_hello_with(psk), ch2).error(), Error::illegal_parameter);
  // Unknown extensions in a ClientHello are ignored; a malformed known one is decode_error.
  ClientHello ch3;
  EXPECT_TRUE(decode(client_hello_with({0x12, 0x34, 0, 1, 9}), ch3).ok());
  EXPECT_TRUE(ch3.extensions.has(0x1234));
  ClientHello ch4;
  EXPECT_EQ(decode(client_hello_with({0, 43, 0, 2, 2, 3}), ch4).error(), Error::tls_decode_error);
  // A key_share (known, TLS 1.3-only) in EncryptedExtensions: illegal_parameter; an
  // unknown one: unsupported_extension; in a CertificateRequest, unknown is ignored but a
  // repeated one is refused too.
  EncryptedExtensions ee;
  std::vector<uint16_t> offered = {ext::kKeyShare, ext::kAlpn};
  EXPECT_EQ(decode(Bytes{0, 6, 0, 51, 0, 2, 0, 0x1d}, ee, offered).error(),
            Error::illegal_parameter);
  EncryptedExtensions ee2;
  EXPECT_EQ(decode(Bytes{0, 4, 0x12, 0x34, 0, 0}, ee2, offered).error(),
            Error::unsupported_extension);
  CertificateRequest13 cr;
  EXPECT_TRUE(decode(Bytes{0, 0, 4, 0x12, 0x34, 0, 0}, cr).ok());
  CertificateRequest13 cr2;
  EXPECT_EQ(decode(Bytes{0, 0, 16, 0, 13, 0, 4, 0, 2, 4, 3, 0, 13, 0, 4, 0, 2, 4, 3}, cr2).error(),
            Error::illegal_parameter);
  // TLS 1.2 ServerHello: anything not offered is unsupported_extension, known or not.
  ServerHello sh;
  ASSERT_TRUE(decode(Bytes{3, 3}, sh).error() == Error::tls_decode_error);
}

TEST(Msgs, RoundTripsOfEveryMessage) {
  Bytes der1(300, 0x30), der2(200, 0x31), ctx = {7};
  Certificate13 c13{ctx, {{der1, {}}, {der2, {}}}};
  Certificate13 c13b;
  ASSERT_TRUE(decode(encode(c13), c13b).ok());
  ASSERT_EQ(c13b.entries.size(), 2u);
  EXPECT_EQ(c13b.entries[1].der.size(), 200u);
  EXPECT_EQ(c13b.request_context.size(), 1u);

  Certificate12 c12{{der1, der2}};
  Certificate12 c12b;
  ASSERT_TRUE(decode(encode(c12), c12b).ok());
  EXPECT_EQ(c12b.chain.size(), 2u);
  Certificate12 empty12;
  ASSERT_TRUE(decode(encode(Certificate12{}), empty12).ok());
  EXPECT_TRUE(empty12.chain.empty());

  CertificateRequest13 cr;
  cr.extensions.signature_algorithms = std::vector<crypto::SignatureScheme>{
      crypto::SignatureScheme::ecdsa_secp256r1_sha256, crypto::SignatureScheme::ed25519};
  CertificateRequest13 crb;
  ASSERT_TRUE(decode(encode(cr), crb).ok());
  EXPECT_EQ(crb.extensions.signature_algorithms, cr.extensions.signature_algorithms);

  Bytes types = {1, 64}, dn = {0x30, 0};
  CertificateRequest12 cr12{types, {crypto::SignatureScheme::rsa_pss_rsae_sha256}, {dn}};
  CertificateRequest12 cr12b;
  ASSERT_TRUE(decode(encode(cr12), cr12b).ok());
  EXPECT_EQ(cr12b.schemes, cr12.schemes);
  EXPECT_EQ(cr12b.authorities.size(), 1u);

  Bytes sig(64, 0x55);
  DigitallySigned ds{crypto::SignatureScheme::ed25519, sig};
  DigitallySigned dsb;
  ASSERT_TRUE(decode(encode(ds), dsb).ok());
  EXPECT_EQ(dsb.scheme, crypto::SignatureScheme::ed25519);
  EXPECT_EQ(dsb.signature.size(), 64u);

  Bytes nonce = {0, 1}, ticket(100, 0x74);
  NewSessionTicket13 nst{3600, 0xdeadbeef, nonce, ticket, {}};
  NewSessionTicket13 nstb;
  ASSERT_TRUE(decode(encode(nst), nstb).ok());
  EXPECT_EQ(nstb.lifetime, 3600u);
  EXPECT_EQ(nstb.age_add, 0xdeadbeefu);
  EXPECT_EQ(nstb.ticket.size(), 100u);

  NewSessionTicket12 nst12{7200, ticket};
  NewSessionTicket12 nst12b;
  ASSERT_TRUE(decode(encode(nst12), nst12b).ok());
  EXPECT_EQ(nst12b.lifetime, 7200u);

  KeyUpdate ku;
  ASSERT_TRUE(decode(encode(KeyUpdate{true}), ku).ok());
  EXPECT_TRUE(ku.update_requested);
  EXPECT_EQ(decode(Bytes{2}, ku).error(), Error::illegal_parameter);
  EXPECT_EQ(decode(Bytes{1, 0}, ku).error(), Error::tls_decode_error);

  Bytes point(65, 4), hint = {'h'};
  ServerKeyExchange12 ske;
  ske.group = crypto::Group::secp256r1;
  ske.point = point;
  Bytes params = encode_params(ske, Kex::ecdhe_psk);
  Bytes body = {0, 1, 'h'};
  body.insert(body.end(), params.begin(), params.end());
  ServerKeyExchange12 skeb;
  ASSERT_TRUE(decode(body, Kex::ecdhe_psk, skeb).ok());
  EXPECT_EQ(skeb.group, crypto::Group::secp256r1);
  ASSERT_TRUE(skeb.psk_identity_hint.has_value());
  EXPECT_EQ(skeb.params.size(), params.size());
  EXPECT_FALSE(skeb.signature.has_value());
  // A signed one must carry its signature.
  ServerKeyExchange12 unsigned_ske;
  EXPECT_EQ(decode(params, Kex::ecdhe_ecdsa, unsigned_ske).error(), Error::tls_decode_error);

  Bytes id = {'i', 'd'};
  ClientKeyExchange12 cke{id, point};
  ClientKeyExchange12 ckeb;
  ASSERT_TRUE(decode(encode(cke, Kex::ecdhe_psk), Kex::ecdhe_psk, ckeb).ok());
  EXPECT_EQ(ckeb.exchange.size(), 65u);
  EXPECT_EQ(ckeb.psk_identity->size(), 2u);
}

}  // namespace
}  // namespace ember::tls::msgs
