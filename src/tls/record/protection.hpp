// Record protection: one direction of one epoch, behind one interface for TLS 1.3 AEAD
// (RFC 8446 §5.2-5.3), TLS 1.2 AEAD (RFC 5288 GCM, RFC 6655 CCM, RFC 7905 ChaCha20-Poly1305)
// and TLS 1.2 CBC (MAC-then-encrypt, RFC 5246 §6.2.3.2, or encrypt-then-MAC, RFC 7366).
//
// A protection knows how a fragment is sealed and opened; the framing around it (header,
// sequence numbers, limits) belongs to the record layer that calls it, so a DTLS record layer
// (explicit epoch and 48-bit sequence number, RFC 6347 §4.1) uses the same protections: its
// 64-bit number is epoch << 48 | sequence, which is exactly what DTLS 1.2's nonce and
// additional data take.
#pragma once

#include <array>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>

#include "ember/core/bytes.hpp"
#include "ember/core/result.hpp"
#include "ember/core/secret.hpp"
#include "ember/crypto/provider.hpp"
#include "tls/record/codec.hpp"

namespace ember::tls::record {

// What a protection needs from the record's framing.
struct RecordContext {
  uint64_t seq = 0;               // TLS: the direction's counter; DTLS: epoch << 48 | sequence
  uint8_t type = 0;               // the header's content type (TLS 1.3: application_data)
  uint16_t version = kVersion12;  // the header's version
  ByteView header;                // the header as sent (TLS 1.3 authenticates it)
};

class Protection {
 public:
  virtual ~Protection() = default;
  // Fragment bytes after the header that seal `inner` plaintext bytes (TLS 1.3: content, type
  // byte and padding; CBC: the padded size).
  virtual size_t sealed_size(size_t inner) const = 0;
  // Seals content || tail (tail: TLS 1.3's type byte and padding) into body, which is
  // sealed_size(content.size() + tail.size()) bytes; content may be the caller's data.
  virtual Status seal(const RecordContext& ctx, ByteView content, ByteView tail,
                      MutableByteView body) = 0;
  // Opens a fragment in place: the plaintext, a sub-range of body (TLS 1.3: still ending in
  // its type byte and padding). bad_record_mac for any failure (CBC: in constant time).
  virtual Result<MutableByteView> open(const RecordContext& ctx, MutableByteView body) = 0;
  // AEAD protections: the plaintext size of a fragment of `body` bytes (nullopt when too short
  // to be one, and always for CBC, which opens in place only).
  virtual std::optional<size_t> plaintext_size(size_t body) const = 0;
  // AEAD protections: opens out of place into out || tail (out.size() + tail.size() ==
  // *plaintext_size(body.size())), straight into a caller's buffer; both wiped on failure.
  virtual Status open_to(const RecordContext& ctx, ByteView body, MutableByteView out,
                         MutableByteView tail) = 0;
};

// TLS 1.3: nonce = iv XOR sequence number, additional data = the record header. Also keeps the
// traffic secret, keyed into an HMAC, for the Finished key and KeyUpdate's next secret.
class Tls13Protection final : public Protection {
 public:
  // key and iv are HKDF-Expand-Label(secret, "key" / "iv") (RFC 8446 §7.3), derived with
  // `keyed_secret`, an HMAC keyed with the traffic secret, which the protection keeps.
  static Result<std::unique_ptr<Tls13Protection>> create(const crypto::Provider& provider,
                                                         crypto::AeadAlg aead, ByteView secret,
                                                         std::unique_ptr<crypto::Hmac> keyed);
  size_t sealed_size(size_t inner) const override { return inner + tag_; }
  Status seal(const RecordContext& ctx, ByteView content, ByteView tail,
              MutableByteView body) override;
  Result<MutableByteView> open(const RecordContext& ctx, MutableByteView body) override;
  std::optional<size_t> plaintext_size(size_t body) const override;
  Status open_to(const RecordContext& ctx, ByteView body, MutableByteView out,
                 MutableByteView tail) override;

  const Secret& traffic_secret() const { return secret_; }
  crypto::Hmac& keyed_secret() const { return *keyed_; }
  size_t tag_size() const { return tag_; }

 private:
  Tls13Protection() = default;
  std::array<uint8_t, 12> nonce(uint64_t seq) const;
  std::unique_ptr<crypto::Aead> aead_;
  std::array<uint8_t, 12> iv_{};
  size_t tag_ = 0;
  Secret secret_;
  std::unique_ptr<crypto::Hmac> keyed_;
};

// TLS 1.2 AEAD: GCM and CCM take salt(4) || explicit(8) with the explicit part = the sequence
// number, sent before the ciphertext (RFC 5288 §3 allows it, and it can never repeat);
// ChaCha20-Poly1305 XORs the sequence number into a 12-byte IV (RFC 7905 §2).
class Tls12AeadProtection final : public Protection {
 public:
  // iv: 4 bytes (GCM, CCM) or 12 (ChaCha20-Poly1305), from the key block.
  static Result<std::unique_ptr<Tls12AeadProtection>> create(const crypto::Provider& provider,
                                                             crypto::AeadAlg aead, ByteView key,
                                                             ByteView iv);
  size_t sealed_size(size_t inner) const override { return explicit_nonce_ + inner + tag_; }
  Status seal(const RecordContext& ctx, ByteView content, ByteView tail,
              MutableByteView body) override;
  Result<MutableByteView> open(const RecordContext& ctx, MutableByteView body) override;
  std::optional<size_t> plaintext_size(size_t body) const override;
  Status open_to(const RecordContext& ctx, ByteView body, MutableByteView out,
                 MutableByteView tail) override;

 private:
  Tls12AeadProtection() = default;
  std::array<uint8_t, 12> nonce(uint64_t seq, ByteView explicit_part) const;
  std::unique_ptr<crypto::Aead> aead_;
  std::array<uint8_t, 12> iv_{};
  size_t explicit_nonce_ = 0;  // 8 for GCM/CCM
  size_t tag_ = 0;
};

// Random bytes for CBC's explicit per-record IVs.
using RandomSource = std::function<Status(MutableByteView)>;

// TLS 1.2 CBC with an HMAC (record/cbc.cpp: the Lucky 13-safe open for MAC-then-encrypt).
Result<std::unique_ptr<Protection>> make_cbc_protection(const crypto::Provider& provider,
                                                        crypto::CbcAlg cipher, crypto::HashAlg mac,
                                                        ByteView enc_key, ByteView mac_key,
                                                        bool encrypt, bool encrypt_then_mac,
                                                        RandomSource random);

}  // namespace ember::tls::record
