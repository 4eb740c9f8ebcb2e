// Random number generator interface used by the TLS layer (protocol randoms, nonces, padding).
#pragma once

#include "ember/core/bytes.hpp"
#include "ember/core/export.hpp"
#include "ember/core/result.hpp"

namespace ember {

class EMBER_API Rng {
 public:
  virtual ~Rng() = default;
  virtual Status fill(MutableByteView out) = 0;
};

}  // namespace ember
