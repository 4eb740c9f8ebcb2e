// PEM decoding: several blocks, CRLF, blank lines, junk between blocks, bad labels and base64.
#include <gtest/gtest.h>

#include "ember/asn1/pem.hpp"

namespace ember::asn1 {
namespace {

TEST(Base64, RoundTripsAndRejectsNonCanonical) {
  for (std::string s : {"", "f", "fo", "foo", "foob", "fooba", "foobar"}) {
    Bytes b(s.begin(), s.end());
    auto enc = base64_encode(b);
    auto dec = base64_decode(enc);
    ASSERT_TRUE(dec.ok()) << enc;
    EXPECT_EQ(*dec, b);
  }
  EXPECT_EQ(base64_encode(Bytes{'f', 'o', 'o', 'b'}), "Zm9vYg==");
  EXPECT_FALSE(base64_decode("Zm9vYh==").ok());  // non-zero bits under the padding
  EXPECT_FALSE(base64_decode("Zm9v=g==").ok());
  EXPECT_FALSE(base64_decode("Zm9").ok());
  EXPECT_FALSE(base64_decode("Zm9*").ok());
}

const char kTwoBlocks[] =
    "Bag Attributes: junk before the block\r\n"
    "-----BEGIN CERTIFICATE-----\r\n"
    "Zm9v\r\n"
    "YmFy\r\n"
    "-----END CERTIFICATE-----\r\n"
    "\r\n"
    "some text\n"
    "-----BEGIN X509 CRL-----\n"
    "\n"
    "  aGVsbG8=  \n"
    "-----END X509 CRL-----\n";

TEST(Pem, SeveralBlocksCrlfBlankLinesAndJunk) {
  auto blocks = pem_decode_all(kTwoBlocks);
  ASSERT_TRUE(blocks.ok()) << error_name(blocks.error());
  ASSERT_EQ(blocks->size(), 2u);
  EXPECT_EQ((*blocks)[0].label, "CERTIFICATE");
  EXPECT_EQ(std::string((*blocks)[0].der.begin(), (*blocks)[0].der.end()), "foobar");
  EXPECT_EQ((*blocks)[1].label, "X509 CRL");
  EXPECT_EQ(std::string((*blocks)[1].der.begin(), (*blocks)[1].der.end()), "hello");
  auto certs = pem_decode_labeled(kTwoBlocks, {"CERTIFICATE"});
  ASSERT_TRUE(certs.ok());
  EXPECT_EQ(certs->size(), 1u);
  EXPECT_EQ(pem_decode_labeled(kTwoBlocks, {"CERTIFICATE"}, false).error(), Error::pem_bad_label);
  EXPECT_EQ(pem_decode_labeled(kTwoBlocks, {"PRIVATE KEY"}).error(), Error::pem_no_block);
  EXPECT_TRUE(looks_like_pem(Bytes(kTwoBlocks, kTwoBlocks + sizeof(kTwoBlocks) - 1)));
}

TEST(Pem, Errors) {
  EXPECT_EQ(pem_decode_all("no pem here").error(), Error::pem_no_block);
  EXPECT_EQ(pem_decode_all("").error(), Error::pem_no_block);
  EXPECT_EQ(pem_decode_all("-----BEGIN A-----\nZm9v\n-----END B-----\n").error(),
            Error::pem_bad_label);
  EXPECT_EQ(pem_decode_all("-----BEGIN A-----\nZm9v\n").error(), Error::pem_bad_label);
  EXPECT_EQ(pem_decode_all("-----BEGIN A-----\nZm9v!\n-----END A-----\n").error(),
            Error::pem_bad_base64);
  EXPECT_EQ(pem_decode_all("-----BEGIN A-----\n-----END A-----\n").error(), Error::pem_bad_base64);
  EXPECT_EQ(pem_decode_all("-----BEGIN A-----\nZm9v\n-----BEGIN B-----\n").error(),
            Error::pem_bad_label);
  std::string huge(kMaxPemInput + 1, 'A');
  EXPECT_EQ(pem_decode_all(huge).error(), Error::input_too_large);
}

TEST(Pem, LegacyHeadersAreFlagged) {
  auto b = pem_decode_all(
      "-----BEGIN RSA PRIVATE KEY-----\nProc-Type: 4,ENCRYPTED\nDEK-Info: AES-128-CBC,00\n\n"
      "Zm9v\n-----END RSA PRIVATE KEY-----\n");
  ASSERT_TRUE(b.ok());
  EXPECT_TRUE((*b)[0].has_headers);
}

}  // namespace
}  // namespace ember::asn1
