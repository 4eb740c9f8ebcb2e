// Fuzz target: private-key loading (PEM/DER containers, encrypted forms with a fixed password).
#include <cstddef>
#include <cstdint>

#include "ember/crypto/provider.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const auto& p = ember::crypto::default_provider();
  ember::ByteView in(data, size);
  (void)p.load_private_key(in);
  (void)p.load_private_key(in, "ember-test");
  return 0;
}
