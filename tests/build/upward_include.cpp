// Compiled with the crypto layer's include roots by the layering test: a crypto source that
// reaches up into the TLS layer must not build (cmake/Layers.cmake).
#include "ember/crypto/provider.hpp"  // its own layer: found
#include "ember/tls/config.hpp"       // a higher layer: not found
