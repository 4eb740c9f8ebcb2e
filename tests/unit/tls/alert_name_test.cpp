// tls::alert_name: the registry names that logs and the programs' messages print.
#include <gtest/gtest.h>

#include "ember/tls/config.hpp"
#include "tls/common.hpp"

namespace ember::tls::test {
namespace {

TEST(AlertName, RegistryNames) {
  EXPECT_EQ(alert_name(alert::kDecryptError), "decrypt_error");
  EXPECT_EQ(alert_name(alert::kCloseNotify), "close_notify");
  EXPECT_EQ(alert_name(alert::kBadCertificate), "bad_certificate");
  EXPECT_EQ(alert_name(alert::kUnknownCa), "unknown_ca");
  EXPECT_EQ(alert_name(alert::kCertificateRequired), "certificate_required");
  EXPECT_EQ(alert_name(alert::kNoApplicationProtocol), "no_application_protocol");
}

TEST(AlertName, EveryAlertWeSendHasAName) {
  for (uint8_t a : {alert::kCloseNotify,
                    alert::kUnexpectedMessage,
                    alert::kBadRecordMac,
                    alert::kRecordOverflow,
                    alert::kHandshakeFailure,
                    alert::kBadCertificate,
                    alert::kUnsupportedCertificate,
                    alert::kCertificateRevoked,
                    alert::kCertificateExpired,
                    alert::kCertificateUnknown,
                    alert::kIllegalParameter,
                    alert::kUnknownCa,
                    alert::kAccessDenied,
                    alert::kDecodeError,
                    alert::kDecryptError,
                    alert::kProtocolVersion,
                    alert::kInsufficientSecurity,
                    alert::kInternalError,
                    alert::kInappropriateFallback,
                    alert::kUserCanceled,
                    alert::kMissingExtension,
                    alert::kUnsupportedExtension,
                    alert::kUnrecognizedName,
                    alert::kUnknownPskIdentity,
                    alert::kCertificateRequired,
                    alert::kNoApplicationProtocol,
                    alert::kNoRenegotiation})
    EXPECT_NE(alert_name(a), "unknown") << int(a);
}

TEST(AlertName, UnassignedIsUnknown) {
  EXPECT_EQ(alert_name(1), "unknown");
  EXPECT_EQ(alert_name(255), "unknown");
}

}  // namespace
}  // namespace ember::tls::test
