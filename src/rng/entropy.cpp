// getrandom(2)-backed entropy source.
#include <sys/random.h>

#include <cerrno>

#include "ember/rng/entropy.hpp"

namespace ember::rng {

Status SystemEntropy::gather(MutableByteView out) {
  size_t done = 0;
  while (done < out.size()) {
    ssize_t n = getrandom(out.data() + done, out.size() - done, 0);
    if (n < 0) {
      if (errno == EINTR) continue;
      return Error::entropy_failure;
    }
    done += static_cast<size_t>(n);
  }
  return {};
}

Status CallbackEntropy::gather(MutableByteView out) {
  if (fn_ == nullptr || fn_(ctx_, out.data(), out.size()) != 0) return Error::entropy_failure;
  return {};
}

EntropySource& system_entropy() {
  static SystemEntropy source;
  return source;
}

}  // namespace ember::rng
