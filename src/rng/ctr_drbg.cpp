// CTR_DRBG (AES-256, derivation function), NIST SP 800-90A rev. 1 §10.2.1.
#include "ember/rng/ctr_drbg.hpp"

#include <cstring>

namespace ember::rng {

namespace {
constexpr std::array<uint8_t, CtrDrbg::kBlockSize> kZeroIv{};

void increment_be(MutableByteView v) {
  for (size_t i = v.size(); i-- > 0;) {
    if (++v[i] != 0) break;
  }
}
}  // namespace

CtrDrbg::CtrDrbg(EntropySource& source, const crypto::Provider& provider)
    : source_(&source), provider_(provider), key_(kKeySize), v_(kBlockSize) {}

CtrDrbg::~CtrDrbg() = default;  // key_ and v_ zeroize themselves

Status CtrDrbg::set_nonce_len(size_t len) {
  if (seeded_) return Error::bad_state;
  if (len > kMaxSeedInput) return Error::drbg_input_too_big;
  nonce_len_ = static_cast<int>(len);
  return {};
}

Status CtrDrbg::set_key(ByteView key) {
  EMBER_TRY_ASSIGN(auto aes, provider_.make_cbc(crypto::CbcAlg::aes256, key, true));
  aes_ = std::move(aes);
  return {};
}

Status CtrDrbg::block_encrypt(ByteView in, MutableByteView out) {
  // One block of CBC with a zero IV is one block of ECB.
  std::memcpy(out.data(), in.data(), kBlockSize);
  return aes_->crypt(kZeroIv, out.first(kBlockSize));
}

// Block_Cipher_df (§10.3.2) returning kSeedLen bytes.
Status CtrDrbg::derive(ByteView input, MutableByteView out) {
  if (input.size() > kMaxSeedInput) return Error::drbg_input_too_big;
  // S = L || N || input || 0x80 || zero padding, preceded by a 16-byte IV block for BCC.
  size_t s_len = 8 + input.size() + 1;
  size_t padded = (s_len + kBlockSize - 1) / kBlockSize * kBlockSize;
  Secret buf(kBlockSize + padded);
  uint8_t* s = buf.data() + kBlockSize;
  uint32_t l = static_cast<uint32_t>(input.size());
  s[0] = static_cast<uint8_t>(l >> 24);
  s[1] = static_cast<uint8_t>(l >> 16);
  s[2] = static_cast<uint8_t>(l >> 8);
  s[3] = static_cast<uint8_t>(l);
  s[7] = static_cast<uint8_t>(kSeedLen);
  if (!input.empty()) std::memcpy(s + 8, input.data(), input.size());
  s[8 + input.size()] = 0x80;

  // temp = BCC(K, IV_i || S) for i = 0, 1, 2 with K = 00 01 .. 1f.
  if (!df_aes_) {
    std::array<uint8_t, kKeySize> df_key;
    for (size_t i = 0; i < kKeySize; ++i) df_key[i] = static_cast<uint8_t>(i);
    EMBER_TRY_ASSIGN(auto df_aes, provider_.make_cbc(crypto::CbcAlg::aes256, df_key, true));
    df_aes_ = std::move(df_aes);
  }
  Secret temp(kSeedLen);
  Secret work(buf.size());
  for (uint32_t i = 0; i * kBlockSize < kSeedLen; ++i) {
    buf.data()[3] = static_cast<uint8_t>(i);  // IV block: i as 32-bit BE, then zeros
    std::memcpy(work.data(), buf.data(), buf.size());
    // CBC-MAC = last ciphertext block of CBC encryption with a zero IV.
    EMBER_TRY(df_aes_->crypt(kZeroIv, work.mutable_view()));
    std::memcpy(temp.data() + i * kBlockSize, work.data() + work.size() - kBlockSize, kBlockSize);
  }
  // K = temp[0:32], X = temp[32:48]; output = E(K, X), E(K, E(K, X)), ...
  EMBER_TRY_ASSIGN(auto out_aes,
                   provider_.make_cbc(crypto::CbcAlg::aes256, temp.view().first(kKeySize), true));
  std::array<uint8_t, kBlockSize> x;
  std::memcpy(x.data(), temp.data() + kKeySize, kBlockSize);
  for (size_t off = 0; off < kSeedLen; off += kBlockSize) {
    EMBER_TRY(out_aes->crypt(kZeroIv, x));
    std::memcpy(out.data() + off, x.data(), kBlockSize);
  }
  secure_zero(x.data(), x.size());
  return {};
}

// CTR_DRBG_Update (§10.2.1.2).
Status CtrDrbg::update_state(ByteView provided) {
  Secret temp(kSeedLen);
  for (size_t off = 0; off < kSeedLen; off += kBlockSize) {
    increment_be(v_.mutable_view());
    EMBER_TRY(block_encrypt(v_, temp.mutable_view().subspan(off, kBlockSize)));
  }
  for (size_t i = 0; i < kSeedLen; ++i) temp.data()[i] ^= provided[i];
  std::memcpy(key_.data(), temp.data(), kKeySize);
  std::memcpy(v_.data(), temp.data() + kKeySize, kBlockSize);
  return set_key(key_);
}

Status CtrDrbg::instantiate_with(ByteView entropy, ByteView nonce, ByteView personalization) {
  if (entropy.size() + nonce.size() + personalization.size() > kMaxSeedInput)
    return Error::drbg_input_too_big;
  Secret material(entropy.size() + nonce.size() + personalization.size());
  uint8_t* p = material.data();
  for (ByteView part : {entropy, nonce, personalization}) {
    if (!part.empty()) std::memcpy(p, part.data(), part.size());
    p += part.size();
  }
  Secret seed(kSeedLen);
  EMBER_TRY(derive(material, seed.mutable_view()));
  key_.reset(kKeySize);
  v_.reset(kBlockSize);
  EMBER_TRY(set_key(key_));
  EMBER_TRY(update_state(seed));
  reseed_counter_ = 1;
  seeded_ = true;
  return {};
}

Status CtrDrbg::reseed_with(ByteView entropy, ByteView additional) {
  if (!seeded_) return Error::bad_state;
  if (entropy.size() + additional.size() > kMaxSeedInput) return Error::drbg_input_too_big;
  Secret material(entropy.size() + additional.size());
  if (!entropy.empty()) std::memcpy(material.data(), entropy.data(), entropy.size());
  if (!additional.empty())
    std::memcpy(material.data() + entropy.size(), additional.data(), additional.size());
  Secret seed(kSeedLen);
  EMBER_TRY(derive(material, seed.mutable_view()));
  EMBER_TRY(update_state(seed));
  reseed_counter_ = 1;
  return {};
}

size_t CtrDrbg::effective_nonce_len() const {
  if (nonce_len_ >= 0) return static_cast<size_t>(nonce_len_);
  return entropy_len_ >= kKeySize * 3 / 2 ? 0 : (entropy_len_ + 1) / 2;
}

Status CtrDrbg::reseed_internal(ByteView additional, size_t nonce_len) {
  if (entropy_len_ == 0) entropy_len_ = kDefaultEntropyLen;
  if (entropy_len_ > kMaxSeedInput || nonce_len > kMaxSeedInput - entropy_len_ ||
      additional.size() > kMaxSeedInput - entropy_len_ - nonce_len)
    return Error::drbg_input_too_big;
  Secret entropy(entropy_len_);
  if (!source_->gather(entropy.mutable_view()).ok()) return Error::entropy_failure;
  Secret nonce(nonce_len);
  if (nonce_len > 0 && !source_->gather(nonce.mutable_view()).ok()) return Error::entropy_failure;
  if (!seeded_) return instantiate_with(entropy, nonce, additional);
  Secret both(entropy_len_ + nonce_len);
  std::memcpy(both.data(), entropy.data(), entropy.size());
  if (nonce_len > 0) std::memcpy(both.data() + entropy.size(), nonce.data(), nonce_len);
  return reseed_with(both, additional);
}

Status CtrDrbg::seed(ByteView personalization) {
  if (entropy_len_ == 0) entropy_len_ = kDefaultEntropyLen;
  seeded_ = false;
  return reseed_internal(personalization, effective_nonce_len());
}

Status CtrDrbg::reseed(ByteView additional) {
  if (!seeded_) return Error::bad_state;
  return reseed_internal(additional, 0);
}

Status CtrDrbg::update(ByteView additional) {
  if (!seeded_) return Error::bad_state;
  if (additional.size() > kMaxSeedInput) return Error::drbg_input_too_big;
  if (additional.empty()) return {};
  Secret seed(kSeedLen);
  EMBER_TRY(derive(additional, seed.mutable_view()));
  return update_state(seed);
}

Status CtrDrbg::generate(MutableByteView out, ByteView additional) {
  if (!seeded_) return Error::bad_state;
  if (out.size() > kMaxRequest) return Error::drbg_request_too_big;
  if (additional.size() > kMaxInput) return Error::drbg_input_too_big;
  if (prediction_resistance_ || reseed_counter_ > reseed_interval_) {
    EMBER_TRY(reseed(additional));
    additional = {};
  }
  Secret add(kSeedLen);
  if (!additional.empty()) {
    EMBER_TRY(derive(additional, add.mutable_view()));
    EMBER_TRY(update_state(add));
  }
  std::array<uint8_t, kBlockSize> block;
  for (size_t off = 0; off < out.size(); off += kBlockSize) {
    increment_be(v_.mutable_view());
    EMBER_TRY(block_encrypt(v_, block));
    size_t n = std::min(kBlockSize, out.size() - off);
    std::memcpy(out.data() + off, block.data(), n);
  }
  secure_zero(block.data(), block.size());
  EMBER_TRY(update_state(add));
  ++reseed_counter_;
  return {};
}

Status CtrDrbg::fill(MutableByteView out) {
  if (!seeded_) EMBER_TRY(seed());
  for (size_t off = 0; off < out.size(); off += kMaxRequest)
    EMBER_TRY(generate(out.subspan(off, std::min(kMaxRequest, out.size() - off))));
  return {};
}

}  // namespace ember::rng
