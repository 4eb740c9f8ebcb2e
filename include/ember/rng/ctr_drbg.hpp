// CTR_DRBG with AES-256 and the derivation function (NIST SP 800-90A rev. 1 §10.2), with the
// knobs of Mbed TLS's mbedtls_ctr_drbg_*: personalization string, additional input, reseed
// interval, prediction resistance, entropy and nonce lengths. Not thread-safe: use one per
// thread or lock around it (the C API wrapper locks like MBEDTLS_THREADING_C does).
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <memory>

#include "ember/core/bytes.hpp"
#include "ember/core/export.hpp"
#include "ember/core/result.hpp"
#include "ember/core/secret.hpp"
#include "ember/crypto/provider.hpp"
#include "ember/rng/entropy.hpp"
#include "ember/rng/rng.hpp"

namespace ember::rng {

class EMBER_API CtrDrbg final : public Rng {
 public:
  static constexpr size_t kKeySize = 32;
  static constexpr size_t kBlockSize = 16;
  static constexpr size_t kSeedLen = kKeySize + kBlockSize;
  static constexpr size_t kDefaultEntropyLen = 48;  // MBEDTLS_CTR_DRBG_ENTROPY_LEN
  static constexpr uint32_t kDefaultReseedInterval = 10000;
  static constexpr size_t kMaxRequest = 1024;   // MBEDTLS_CTR_DRBG_MAX_REQUEST
  static constexpr size_t kMaxInput = 256;      // MBEDTLS_CTR_DRBG_MAX_INPUT
  static constexpr size_t kMaxSeedInput = 384;  // MBEDTLS_CTR_DRBG_MAX_SEED_INPUT

  explicit CtrDrbg(EntropySource& source = system_entropy(),
                   const crypto::Provider& provider = crypto::default_provider());
  ~CtrDrbg() override;
  CtrDrbg(const CtrDrbg&) = delete;
  CtrDrbg& operator=(const CtrDrbg&) = delete;

  // Replaces the entropy source (mbedtls_ctr_drbg_seed takes f_entropy at seeding time). The
  // source must outlive its use by this object.
  void set_entropy_source(EntropySource& source) { source_ = &source; }

  // Settings (take effect at the next seed/reseed).
  // Bytes gathered per seed/reseed; 0 selects kDefaultEntropyLen at the next seed().
  void set_entropy_len(size_t len) { entropy_len_ = len; }
  size_t entropy_len() const { return entropy_len_; }
  // Bytes of nonce gathered after the entropy at instantiation. Default: 0 when entropy_len is
  // at least 48, else (entropy_len + 1) / 2, as Mbed TLS 2.28 does. Fails with bad_state once
  // seeded and drbg_input_too_big above kMaxSeedInput (mbedtls_ctr_drbg_set_nonce_len).
  Status set_nonce_len(size_t len);
  void set_reseed_interval(uint32_t n) { reseed_interval_ = n; }
  void set_prediction_resistance(bool on) { prediction_resistance_ = on; }
  bool prediction_resistance() const { return prediction_resistance_; }
  bool seeded() const { return seeded_; }
  uint64_t reseed_counter() const { return reseed_counter_; }

  // Instantiate from the entropy source with an optional personalization string
  // (entropy_len + nonce_len + personalization.size() <= kMaxSeedInput).
  Status seed(ByteView personalization = {});
  // Reseed from the entropy source, mixing in additional input
  // (entropy_len + additional.size() <= kMaxSeedInput).
  Status reseed(ByteView additional = {});
  // Output up to kMaxRequest bytes, additional input up to kMaxInput bytes
  // (mbedtls_ctr_drbg_random_with_add). Reseeds first when prediction resistance is on or the
  // reseed interval is exhausted; the additional input then goes into that reseed.
  Status generate(MutableByteView out, ByteView additional = {});
  // Mixes up to kMaxSeedInput bytes into the state (mbedtls_ctr_drbg_update_ret); empty input
  // is a no-op.
  Status update(ByteView additional);

  // Rng: fills any length by looping over kMaxRequest-sized requests.
  Status fill(MutableByteView out) override;

  // Deterministic forms for known-answer tests (entropy supplied by the caller).
  Status instantiate_with(ByteView entropy, ByteView nonce, ByteView personalization);
  Status reseed_with(ByteView entropy, ByteView additional);

 private:
  Status block_encrypt(ByteView in, MutableByteView out);  // AES-256 under key_
  Status set_key(ByteView key);
  Status derive(ByteView input, MutableByteView out);  // Block_Cipher_df -> kSeedLen bytes
  Status update_state(ByteView provided);              // CTR_DRBG_Update with kSeedLen bytes
  Status reseed_internal(ByteView additional, size_t nonce_len);
  size_t effective_nonce_len() const;

  EntropySource* source_;
  const crypto::Provider& provider_;
  std::unique_ptr<crypto::CbcCipher> aes_;     // keyed with key_, re-made when key_ changes
  std::unique_ptr<crypto::CbcCipher> df_aes_;  // fixed df key 00 01 .. 1f, made once
  Secret key_;
  Secret v_;
  uint64_t reseed_counter_ = 0;
  size_t entropy_len_ = kDefaultEntropyLen;
  int nonce_len_ = -1;
  uint32_t reseed_interval_ = kDefaultReseedInterval;
  bool prediction_resistance_ = false;
  bool seeded_ = false;
};

}  // namespace ember::rng
