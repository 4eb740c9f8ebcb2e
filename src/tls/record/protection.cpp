// Record protections: TLS 1.3 AEAD, TLS 1.2 AEAD and the adapter over TLS 1.2 CBC.
#include "tls/record/protection.hpp"

#include <bit>
#include <cstring>

#include "tls/record/cbc.hpp"

namespace ember::tls::record {

namespace {

// iv XOR the big-endian sequence number in its last 8 bytes (RFC 8446 §5.3, RFC 7905 §2). One
// 64-bit XOR: a byte loop made the compiler reload the array across two stores, a
// store-forwarding stall on every record.
std::array<uint8_t, 12> xor_nonce(const std::array<uint8_t, 12>& iv, uint64_t seq) {
  std::array<uint8_t, 12> n;
  uint64_t tail;
  std::memcpy(&tail, iv.data() + 4, 8);
  if constexpr (std::endian::native == std::endian::little) seq = __builtin_bswap64(seq);
  tail ^= seq;
  std::memcpy(n.data(), iv.data(), 4);
  std::memcpy(n.data() + 4, &tail, 8);
  return n;
}

}  // namespace

// --- TLS 1.3 ---------------------------------------------------------------------------------

Result<std::unique_ptr<Tls13Protection>> Tls13Protection::create(
    const crypto::Provider& provider, crypto::AeadAlg aead, ByteView secret,
    std::unique_ptr<crypto::Hmac> keyed) {
  std::unique_ptr<Tls13Protection> p(new Tls13Protection());
  Secret key(crypto::aead_key_size(aead));
  EMBER_TRY(crypto::hkdf_expand_label(*keyed, "key", {}, key.mutable_view()));
  EMBER_TRY(crypto::hkdf_expand_label(*keyed, "iv", {}, p->iv_));
  EMBER_TRY_ASSIGN(p->aead_, provider.make_aead(aead, key));
  p->tag_ = crypto::aead_tag_size(aead);
  p->secret_ = Secret(secret);
  p->keyed_ = std::move(keyed);
  return p;
}

std::array<uint8_t, 12> Tls13Protection::nonce(uint64_t seq) const {
  return xor_nonce(iv_, seq);
}

Status Tls13Protection::seal(const RecordContext& ctx, ByteView content, ByteView tail,
                             MutableByteView body) {
  size_t inner = content.size() + tail.size();
  if (body.size() != inner + tag_) return Error::internal_error;
  auto n = nonce(ctx.seq);
  return aead_->seal_to(n, ctx.header, content, tail, body.first(inner), body.subspan(inner));
}

std::optional<size_t> Tls13Protection::plaintext_size(size_t body) const {
  // An inner plaintext holds at least its content type byte.
  if (body < tag_ + 1) return std::nullopt;
  return body - tag_;
}

Result<MutableByteView> Tls13Protection::open(const RecordContext& ctx, MutableByteView body) {
  auto inner = plaintext_size(body.size());
  if (!inner) return Error::bad_record_mac;
  auto n = nonce(ctx.seq);
  MutableByteView plain = body.first(*inner);
  if (!aead_->open(n, ctx.header, plain, body.subspan(*inner))) return Error::bad_record_mac;
  return plain;
}

Status Tls13Protection::open_to(const RecordContext& ctx, ByteView body, MutableByteView out,
                                MutableByteView tail) {
  auto inner = plaintext_size(body.size());
  if (!inner || out.size() + tail.size() != *inner) return Error::bad_record_mac;
  auto n = nonce(ctx.seq);
  if (!aead_->open_to(n, ctx.header, body.first(*inner), out, tail, body.subspan(*inner)))
    return Error::bad_record_mac;
  return {};
}

// --- TLS 1.2 AEAD ----------------------------------------------------------------------------

Result<std::unique_ptr<Tls12AeadProtection>> Tls12AeadProtection::create(
    const crypto::Provider& provider, crypto::AeadAlg aead, ByteView key, ByteView iv) {
  if (iv.size() != 4 && iv.size() != 12) return Error::internal_error;
  std::unique_ptr<Tls12AeadProtection> p(new Tls12AeadProtection());
  EMBER_TRY_ASSIGN(p->aead_, provider.make_aead(aead, key));
  std::memcpy(p->iv_.data(), iv.data(), iv.size());
  p->explicit_nonce_ = iv.size() == 4 ? 8 : 0;
  p->tag_ = crypto::aead_tag_size(aead);
  return p;
}

std::array<uint8_t, 12> Tls12AeadProtection::nonce(uint64_t seq, ByteView explicit_part) const {
  if (explicit_nonce_ == 0) return xor_nonce(iv_, seq);
  std::array<uint8_t, 12> n;
  std::memcpy(n.data(), iv_.data(), 4);
  std::memcpy(n.data() + 4, explicit_part.data(), 8);
  return n;
}

Status Tls12AeadProtection::seal(const RecordContext& ctx, ByteView content, ByteView tail,
                                 MutableByteView body) {
  size_t n = content.size() + tail.size();
  if (body.size() != sealed_size(n)) return Error::internal_error;
  if (explicit_nonce_ == 8) put_u64(body.data(), ctx.seq);
  auto iv = nonce(ctx.seq, body.first(explicit_nonce_));
  uint8_t aad[kAad12Size];
  write_aad12(aad, ctx.seq, ctx.type, ctx.version, n);
  return aead_->seal_to(iv, ByteView(aad, sizeof aad), content, tail,
                        body.subspan(explicit_nonce_, n), body.subspan(explicit_nonce_ + n));
}

std::optional<size_t> Tls12AeadProtection::plaintext_size(size_t body) const {
  if (body < explicit_nonce_ + tag_) return std::nullopt;
  return body - explicit_nonce_ - tag_;
}

Result<MutableByteView> Tls12AeadProtection::open(const RecordContext& ctx, MutableByteView body) {
  auto n = plaintext_size(body.size());
  if (!n) return Error::bad_record_mac;
  auto iv = nonce(ctx.seq, body.first(explicit_nonce_));
  uint8_t aad[kAad12Size];
  write_aad12(aad, ctx.seq, ctx.type, ctx.version, *n);
  MutableByteView data = body.subspan(explicit_nonce_, *n);
  if (!aead_->open(iv, ByteView(aad, sizeof aad), data, body.subspan(explicit_nonce_ + *n)))
    return Error::bad_record_mac;
  return data;
}

Status Tls12AeadProtection::open_to(const RecordContext& ctx, ByteView body, MutableByteView out,
                                    MutableByteView tail) {
  auto n = plaintext_size(body.size());
  if (!n || out.size() + tail.size() != *n) return Error::bad_record_mac;
  auto iv = nonce(ctx.seq, body.first(explicit_nonce_));
  uint8_t aad[kAad12Size];
  write_aad12(aad, ctx.seq, ctx.type, ctx.version, *n);
  if (!aead_->open_to(iv, ByteView(aad, sizeof aad), body.subspan(explicit_nonce_, *n), out, tail,
                      body.subspan(explicit_nonce_ + *n)))
    return Error::bad_record_mac;
  return {};
}

// --- TLS 1.2 CBC -----------------------------------------------------------------------------

namespace {

class CbcRecordProtection final : public Protection {
 public:
  CbcRecordProtection(std::unique_ptr<CbcProtection> cbc, RandomSource random)
      : cbc_(std::move(cbc)), random_(std::move(random)) {}
  size_t sealed_size(size_t inner) const override { return cbc_->sealed_size(inner); }
  Status seal(const RecordContext& ctx, ByteView content, ByteView tail,
              MutableByteView body) override {
    if (!tail.empty() || body.size() != sealed_size(content.size())) return Error::internal_error;
    std::array<uint8_t, 16> iv;
    EMBER_TRY(random_(iv));
    return cbc_->seal(ctx.seq, ctx.type, ctx.version, content, iv, body);
  }
  Result<MutableByteView> open(const RecordContext& ctx, MutableByteView body) override {
    return cbc_->open(ctx.seq, ctx.type, ctx.version, body);
  }
  std::optional<size_t> plaintext_size(size_t) const override { return std::nullopt; }
  Status open_to(const RecordContext&, ByteView, MutableByteView, MutableByteView) override {
    return Error::internal_error;  // CBC records open in place (the MAC check needs them whole)
  }

 private:
  std::unique_ptr<CbcProtection> cbc_;
  RandomSource random_;
};

}  // namespace

Result<std::unique_ptr<Protection>> make_cbc_protection(const crypto::Provider& provider,
                                                        crypto::CbcAlg cipher, crypto::HashAlg mac,
                                                        ByteView enc_key, ByteView mac_key,
                                                        bool encrypt, bool encrypt_then_mac,
                                                        RandomSource random) {
  EMBER_TRY_ASSIGN(auto cbc, CbcProtection::create(provider, cipher, mac, enc_key, mac_key, encrypt,
                                                   encrypt_then_mac));
  return std::unique_ptr<Protection>(new CbcRecordProtection(std::move(cbc), std::move(random)));
}

}  // namespace ember::tls::record
