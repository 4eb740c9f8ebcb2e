// Fuzz target: PEM and base64 decoding.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "ember/asn1/pem.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view text(reinterpret_cast<const char*>(data), size);
  if (auto blocks = ember::asn1::pem_decode_all(text); blocks.ok()) {
    for (const auto& b : *blocks) {
      // Re-encoding what was decoded must give decodable base64 of the same bytes.
      auto again = ember::asn1::base64_decode(ember::asn1::base64_encode(b.der));
      if (!again.ok() || *again != b.der) __builtin_trap();
    }
  }
  (void)ember::asn1::pem_decode_labeled(text, {"CERTIFICATE", "X509 CRL"}, false);
  (void)ember::asn1::base64_decode(text);
  return 0;
}
