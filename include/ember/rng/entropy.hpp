// Entropy sources for the DRBG. The default reads the kernel CSPRNG with getrandom(2).
#pragma once

#include <cstddef>

#include "ember/core/bytes.hpp"
#include "ember/core/export.hpp"
#include "ember/core/result.hpp"

namespace ember::rng {

class EMBER_API EntropySource {
 public:
  virtual ~EntropySource() = default;
  // Fills out completely with full-entropy bytes, or returns Error::entropy_failure.
  virtual Status gather(MutableByteView out) = 0;
};

// getrandom(2), blocking until the kernel pool is initialised; retries on EINTR and short reads.
class EMBER_API SystemEntropy final : public EntropySource {
 public:
  Status gather(MutableByteView out) override;
};

// Adapts a C entropy callback (Mbed TLS f_entropy / p_entropy: returns 0 on success, fills
// exactly len bytes). Any non-zero return becomes Error::entropy_failure.
class EMBER_API CallbackEntropy final : public EntropySource {
 public:
  using Fn = int (*)(void* ctx, unsigned char* out, size_t len);
  CallbackEntropy(Fn fn, void* ctx) : fn_(fn), ctx_(ctx) {}
  Status gather(MutableByteView out) override;

 private:
  Fn fn_;
  void* ctx_;
};

// A process-wide SystemEntropy (stateless, thread-safe).
EMBER_API EntropySource& system_entropy();

}  // namespace ember::rng
