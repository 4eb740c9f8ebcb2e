// TLS 1.2 CBC record protection: RFC 5246 §6.2.3.2 (MAC-then-encrypt) and RFC 7366
// (encrypt-then-MAC), with a Lucky 13-safe open for MAC-then-encrypt.
//
// Why open_mac_then_encrypt() is constant-time (AlFardan & Paterson, "Lucky Thirteen", 2013):
// after CBC decryption the record is  data || MAC || padding || padding_length, and only the
// total length `len` is public. Everything that follows the decryption does the same work and
// touches the same memory for every value of the secret padding_length byte:
//  * The padding check reads the last min(len, 256) bytes, every time, and folds each result
//    into a mask with ct:: arithmetic (no branch on padding bytes). A bad padding is then
//    treated as an empty one (pad := 0) so the rest of the work is the same.
//  * The MAC is HMAC computed by hand over Hash (ipad/opad blocks kept per connection). The
//    inner hash absorbs ipad || header || data[0, min_data) and then one byte at a time up to
//    max_data = len - mac - 1, taking a digest (peek) at EVERY candidate length in
//    [min_data, max_data] (at most 256) and keeping the one whose length equals the real
//    data length with a constant-time conditional copy. The amount hashed and the number of
//    digests depend only on len. The header's length field is secret but is written by
//    arithmetic, not branches, and hashed at a fixed position.
//  * The received MAC sits at a secret offset. It is read by scanning the whole window
//    [min_data, len - 1) once, accumulating bytes into a buffer indexed by the public position
//    modulo the MAC size (a rotated copy), then un-rotating it with an O(mac^2) masked loop:
//    no memory address depends on the secret offset, and no division uses a secret.
//  * The comparison ORs all byte differences; the only branch is on the final verdict,
//    which the peer learns anyway (bad_record_mac alert).
// Lengths that are wrong publicly (not whole blocks, too short) fail early: that reveals
// nothing the attacker did not send.
#include "tls/record/cbc.hpp"

#include "tls/record/codec.hpp"

#include <array>
#include <cstring>

#include "ember/core/ct.hpp"
#include "ember/core/secret.hpp"

namespace ember::tls {
namespace {

constexpr size_t kBlock = crypto::kCbcBlockSize;
constexpr size_t kIvSize = 16;
constexpr size_t kHeaderSize =
    record::kAad12Size;  // the MAC's seq_num || type || version || length
// Largest plaintext we seal (RFC 5246 §6.2.2: TLSCompressed.length <= 2^14 + 1024).
constexpr size_t kMaxPlaintext = 16384 + 1024;

size_t round_up_block(size_t n) {
  return (n + kBlock - 1) / kBlock * kBlock;
}

class CbcProtectionImpl final : public CbcProtection {
 public:
  CbcProtectionImpl(size_t mac_size, bool encrypt, bool etm)
      : mac_size_(mac_size), encrypt_(encrypt), etm_(etm) {}

  size_t sealed_size(size_t n) const override {
    if (etm_) return kIvSize + round_up_block(n + 1) + mac_size_;
    return kIvSize + round_up_block(n + mac_size_ + 1);
  }

  size_t mac_size() const override { return mac_size_; }

  Status seal(uint64_t seq, uint8_t type, uint16_t version, ByteView plaintext, ByteView iv,
              MutableByteView out) override {
    const size_t n = plaintext.size();
    if (!encrypt_ || iv.size() != kIvSize || n > kMaxPlaintext || out.size() != sealed_size(n))
      return Error::invalid_argument;
    // The plaintext may already sit in out (in place at offset 16, or at 0): memmove.
    if (n != 0) std::memmove(out.data() + kIvSize, plaintext.data(), n);
    std::memmove(out.data(), iv.data(), kIvSize);
    uint8_t header[kHeaderSize];
    if (etm_) {
      const size_t body = out.size() - mac_size_;  // IV || ciphertext
      MutableByteView cipher_text = out.subspan(kIvSize, body - kIvSize);
      fill_padding(cipher_text, n);
      EMBER_TRY(cipher_->crypt(out.first(kIvSize), cipher_text));
      record::write_aad12(header, seq, type, version, body);
      hmac_->update(ByteView(header, kHeaderSize));
      hmac_->update(out.first(body));
      hmac_->finish(out.subspan(body, mac_size_));
      return {};
    }
    MutableByteView cipher_text = out.subspan(kIvSize);
    record::write_aad12(header, seq, type, version, n);
    hmac_->update(ByteView(header, kHeaderSize));
    hmac_->update(cipher_text.first(n));
    hmac_->finish(cipher_text.subspan(n, mac_size_));
    fill_padding(cipher_text, n + mac_size_);
    return cipher_->crypt(out.first(kIvSize), cipher_text);
  }

  Result<MutableByteView> open(uint64_t seq, uint8_t type, uint16_t version,
                               MutableByteView fragment) override {
    if (encrypt_) return Error::invalid_argument;
    if (etm_) return open_encrypt_then_mac(seq, type, version, fragment);
    return open_mac_then_encrypt(seq, type, version, fragment);
  }

  Status init(const crypto::Provider& p, crypto::CbcAlg cipher, crypto::HashAlg mac,
              ByteView enc_key, ByteView mac_key) {
    EMBER_TRY_ASSIGN(cipher_, p.make_cbc(cipher, enc_key, encrypt_));
    EMBER_TRY_ASSIGN(hmac_, p.make_hmac(mac, mac_key));
    if (encrypt_ || etm_) return {};
    // Hand-made HMAC for the constant-time open: H((K ^ opad) || H((K ^ ipad) || m)).
    EMBER_TRY_ASSIGN(hash_, p.make_hash(mac));
    const size_t block = crypto::hash_block_size(mac);
    if (mac_key.size() > block) return Error::invalid_argument;
    ipad_.reset(block);
    opad_.reset(block);
    for (size_t i = 0; i < block; ++i) {
      uint8_t k = i < mac_key.size() ? mac_key[i] : 0;
      ipad_.data()[i] = static_cast<uint8_t>(k ^ 0x36);
      opad_.data()[i] = static_cast<uint8_t>(k ^ 0x5c);
    }
    return {};
  }

 private:
  // Writes the padding (and its length byte) after the first `used` bytes of cipher_text,
  // whose size is a whole number of blocks greater than used.
  static void fill_padding(MutableByteView cipher_text, size_t used) {
    const size_t pad_bytes = cipher_text.size() - used;  // 1..16, includes the length byte
    std::memset(cipher_text.data() + used, static_cast<int>(pad_bytes - 1), pad_bytes);
  }

  Result<MutableByteView> open_encrypt_then_mac(uint64_t seq, uint8_t type, uint16_t version,
                                                MutableByteView fragment) {
    const size_t f = fragment.size();
    if (f < kIvSize + kBlock + mac_size_ || (f - mac_size_) % kBlock != 0)
      return Error::bad_record_mac;
    const size_t body = f - mac_size_;
    uint8_t header[kHeaderSize];
    record::write_aad12(header, seq, type, version, body);
    std::array<uint8_t, crypto::kMaxHashSize> expected{};
    hmac_->update(ByteView(header, kHeaderSize));
    hmac_->update(fragment.first(body));
    hmac_->finish(MutableByteView(expected.data(), mac_size_));
    if (!ct::equal(fragment.subspan(body, mac_size_), ByteView(expected.data(), mac_size_)))
      return Error::bad_record_mac;
    // Authenticated: what follows needs no secrecy about the padding, but stays branch-light.
    MutableByteView cipher_text = fragment.subspan(kIvSize, body - kIvSize);
    EMBER_TRY(cipher_->crypt(fragment.first(kIvSize), cipher_text));
    const size_t len = cipher_text.size();
    const size_t pad = cipher_text[len - 1];
    if (pad + 1 > len) return Error::bad_record_mac;
    uint8_t diff = 0;
    for (size_t i = len - pad - 1; i < len; ++i) diff |= cipher_text[i] ^ static_cast<uint8_t>(pad);
    if (diff != 0) return Error::bad_record_mac;
    return cipher_text.first(len - pad - 1);
  }

  Result<MutableByteView> open_mac_then_encrypt(uint64_t seq, uint8_t type, uint16_t version,
                                                MutableByteView fragment) {
    const size_t f = fragment.size();
    // Public length checks: explicit IV, whole blocks, room for MAC and the length byte.
    if (f < kIvSize + kBlock || f % kBlock != 0 || f - kIvSize < mac_size_ + 1)
      return Error::bad_record_mac;
    MutableByteView plain = fragment.subspan(kIvSize);
    EMBER_TRY(cipher_->crypt(fragment.first(kIvSize), plain));
    const size_t len = plain.size();
    const size_t max_data = len - mac_size_ - 1;
    const size_t min_data = max_data > 255 ? max_data - 255 : 0;

    // Padding: pad + 1 + mac <= len, and the last pad + 1 bytes all equal pad.
    size_t pad = plain[len - 1];
    size_t good = ct::ge(len, pad + 1 + mac_size_);
    const size_t scan = len < 256 ? len : 256;
    for (size_t i = 0; i < scan; ++i) {
      const size_t in_padding = ct::lt(i, pad + 1);
      good &= ~(in_padding & ~ct::eq(plain[len - 1 - i], pad));
    }
    pad = ct::select(good, pad, 0);
    const size_t data_len = max_data - pad;  // secret, in [min_data, max_data]

    // Inner hash at every candidate data length; keep the real one.
    std::array<uint8_t, crypto::kMaxHashSize> inner{}, candidate{}, expected{};
    uint8_t header[kHeaderSize];
    record::write_aad12(header, seq, type, version, data_len);
    hash_->reset();
    hash_->update(ipad_.view());
    hash_->update(ByteView(header, kHeaderSize));
    hash_->update(plain.first(min_data));
    const MutableByteView candidate_view(candidate.data(), mac_size_);
    for (size_t l = min_data;; ++l) {
      hash_->peek(candidate_view);
      ct::conditional_copy(ct::eq(l, data_len), MutableByteView(inner.data(), mac_size_),
                           candidate_view);
      if (l == max_data) break;
      hash_->update(plain.subspan(l, 1));
    }
    hash_->reset();
    hash_->update(opad_.view());
    hash_->update(ByteView(inner.data(), mac_size_));
    hash_->finish(MutableByteView(expected.data(), mac_size_));

    // Received MAC at the secret offset data_len: rotated copy, then un-rotate.
    std::array<uint8_t, crypto::kMaxHashSize> rotated{};
    const size_t mac_end = data_len + mac_size_;
    size_t in_mac = 0, rotate_offset = 0, k = 0;  // k = (j - min_data) % mac_size_, public
    for (size_t j = min_data; j < max_data + mac_size_; ++j) {
      const size_t started = ct::eq(j, data_len);
      in_mac = (in_mac | started) & ~ct::eq(j, mac_end);
      rotate_offset |= k & started;
      rotated[k] |= static_cast<uint8_t>(plain[j] & in_mac);
      if (++k == mac_size_) k = 0;
    }
    uint8_t diff = 0;
    for (size_t i = 0; i < mac_size_; ++i) {
      size_t index = rotate_offset + i;
      index -= ct::ge(index, mac_size_) & mac_size_;
      uint8_t received = 0;
      for (size_t m = 0; m < mac_size_; ++m)
        received |= static_cast<uint8_t>(rotated[m] & ct::eq(m, index));
      diff |= received ^ expected[i];
    }
    good &= ct::is_zero(diff);
    secure_zero(inner.data(), inner.size());
    secure_zero(candidate.data(), candidate.size());
    secure_zero(expected.data(), expected.size());
    if (good == 0) return Error::bad_record_mac;  // the verdict is public
    return plain.first(data_len);
  }

  size_t mac_size_;
  bool encrypt_;
  bool etm_;
  std::unique_ptr<crypto::CbcCipher> cipher_;
  std::unique_ptr<crypto::Hmac> hmac_;  // seal, and open with encrypt-then-MAC
  std::unique_ptr<crypto::Hash> hash_;  // open with MAC-then-encrypt (hand-made HMAC)
  Secret ipad_, opad_;
};

}  // namespace

Result<std::unique_ptr<CbcProtection>> CbcProtection::create(const crypto::Provider& p,
                                                             crypto::CbcAlg cipher,
                                                             crypto::HashAlg mac, ByteView enc_key,
                                                             ByteView mac_key, bool encrypt,
                                                             bool encrypt_then_mac) {
  if (mac != crypto::HashAlg::sha1 && mac != crypto::HashAlg::sha256 &&
      mac != crypto::HashAlg::sha384)
    return Error::unsupported_algorithm;
  if (!p.supports(cipher)) return Error::unsupported_algorithm;
  if (enc_key.size() != crypto::cbc_key_size(cipher) || mac_key.size() != crypto::hash_size(mac))
    return Error::invalid_argument;
  auto impl =
      std::make_unique<CbcProtectionImpl>(crypto::hash_size(mac), encrypt, encrypt_then_mac);
  EMBER_TRY(impl->init(p, cipher, mac, enc_key, mac_key));
  return std::unique_ptr<CbcProtection>(std::move(impl));
}

}  // namespace ember::tls
