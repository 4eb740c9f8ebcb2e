// The layering test's control: with the TLS layer's include roots, every lower layer's public
// and private headers are found.
#include "crypto/openssl/openssl_provider.hpp"
#include "ember/asn1/der.hpp"
#include "ember/core/bytes.hpp"
#include "ember/crypto/provider.hpp"
#include "ember/rng/ctr_drbg.hpp"
#include "ember/tls/config.hpp"
#include "ember/x509/verify.hpp"
#include "tls/common.hpp"
