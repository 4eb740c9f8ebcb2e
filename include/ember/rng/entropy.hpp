// Entropy sources for the DRBG. The default reads the kernel CSPRNG with getrandom(2).
#pragma once

#include "ember/core/bytes.hpp"
#include "ember/core/result.hpp"

namespace ember::rng {

class EntropySource {
 public:
  virtual ~EntropySource() = default;
  // Fills out completely with full-entropy bytes, or returns Error::entropy_failure.
  virtual Status gather(MutableByteView out) = 0;
};

// getrandom(2), blocking until the kernel pool is initialised; retries on EINTR and short reads.
class SystemEntropy final : public EntropySource {
 public:
  Status gather(MutableByteView out) override;
};

// A process-wide SystemEntropy (stateless, thread-safe).
EntropySource& system_entropy();

}  // namespace ember::rng
