// Fuzz target: certificate and CRL parsing (DER, and PEM through the loaders), the info dumps,
// and path validation of whatever parses against the test trust anchor shape.
#include <cstddef>
#include <cstdint>

#include "ember/x509/verify.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace ember::x509;
  ember::ByteView in(data, size);
  if (auto c = Certificate::parse_der(in); c.ok()) {
    (void)(*c)->info();
    (void)matches_host(**c, "localhost");
    (void)matches_host(**c, "127.0.0.1");
    TrustStore ts;
    ts.add(*c);  // self-verification exercises signature and constraint code
    VerifyOptions o;
    o.trust = &ts;
    o.host = "www.example.com";
    std::vector<CertPtr> chain = {*c, *c};
    (void)verify_chain(chain, o);
  }
  if (auto crl = Crl::parse_der(in); crl.ok()) (void)(*crl)->info();
  if (auto certs = parse_certificates(in); certs.ok()) {
    VerifyOptions o;
    (void)verify_chain(*certs, o);
  }
  (void)parse_crls(in);
  return 0;
}
