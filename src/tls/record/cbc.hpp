// TLS 1.2 CBC record protection (implementation: cbc.cpp); record::make_cbc_protection puts it
// behind the Protection interface.
#pragma once

#include <cstdint>
#include <memory>

#include "ember/core/bytes.hpp"
#include "ember/core/result.hpp"
#include "ember/crypto/provider.hpp"

namespace ember::tls {

// One direction of TLS 1.2 CBC record protection: RFC 5246 §6.2.3.2 (MAC-then-encrypt, explicit
// per-record IV) and RFC 7366 (encrypt-then-MAC).
class CbcProtection {
 public:
  virtual ~CbcProtection() = default;
  static Result<std::unique_ptr<CbcProtection>> create(const crypto::Provider& p,
                                                       crypto::CbcAlg cipher, crypto::HashAlg mac,
                                                       ByteView enc_key, ByteView mac_key,
                                                       bool encrypt, bool encrypt_then_mac);
  // Bytes of record fragment for a plaintext of n bytes (IV + data + MAC + padding).
  virtual size_t sealed_size(size_t n) const = 0;
  // Writes the record fragment (explicit IV first) into out (out.size() == sealed_size(n)).
  virtual Status seal(uint64_t seq, uint8_t type, uint16_t version, ByteView plaintext, ByteView iv,
                      MutableByteView out) = 0;
  // Decrypts/verifies a received fragment in place; returns the plaintext (a sub-range of
  // fragment). Any MAC, padding or length failure: Error::bad_record_mac, in constant time.
  virtual Result<MutableByteView> open(uint64_t seq, uint8_t type, uint16_t version,
                                       MutableByteView fragment) = 0;
  virtual size_t mac_size() const = 0;
};

}  // namespace ember::tls
