// The crypto Provider: every primitive embertls uses, behind one interface. The default
// implementation is OpenSSL 3 libcrypto (src/crypto/openssl/); nothing else includes OpenSSL.
//
// Rules for implementations (see CRYPTO-NOTES.md): algorithms are fetched once; objects that
// hold keys are keyed once and re-armed per use; seal/open of a record allocates nothing.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <string_view>

#include "ember/core/bytes.hpp"
#include "ember/core/export.hpp"
#include "ember/core/result.hpp"
#include "ember/core/secret.hpp"
#include "ember/crypto/algorithms.hpp"

namespace ember::crypto {

// An incremental hash. clone() copies the running state (transcripts snapshot with it).
class EMBER_API Hash {
 public:
  virtual ~Hash() = default;
  virtual HashAlg alg() const = 0;
  size_t size() const { return hash_size(alg()); }
  virtual void update(ByteView data) = 0;
  // Writes the digest (size() bytes) to out and resets to the empty state.
  virtual void finish(MutableByteView out) = 0;
  // Digest of everything so far, without disturbing the running state.
  virtual void peek(MutableByteView out) const = 0;
  virtual void reset() = 0;
  virtual std::unique_ptr<Hash> clone() const = 0;
};

// A keyed HMAC. reset() re-arms it with the same key without re-keying cost.
class EMBER_API Hmac {
 public:
  virtual ~Hmac() = default;
  virtual HashAlg alg() const = 0;
  size_t size() const { return hash_size(alg()); }
  virtual void update(ByteView data) = 0;
  // Writes the MAC (size() bytes) and re-arms for the next message with the same key.
  virtual void finish(MutableByteView out) = 0;
  virtual void reset() = 0;
  virtual std::unique_ptr<Hmac> clone() const = 0;
};

// An AEAD keyed once; nonce and AAD change per record. Operates in place.
class EMBER_API Aead {
 public:
  virtual ~Aead() = default;
  virtual AeadAlg alg() const = 0;
  size_t tag_size() const { return aead_tag_size(alg()); }
  // Encrypts data in place and writes the tag (tag_size() bytes) to tag.
  virtual Status seal(ByteView nonce, ByteView aad, MutableByteView data, MutableByteView tag) = 0;
  // Decrypts data in place if tag verifies; otherwise Error::authentication_failed and data is
  // unspecified (callers must not use it).
  virtual Status open(ByteView nonce, ByteView aad, MutableByteView data, ByteView tag) = 0;
  // Out of place (the ranges are the same or do not overlap): saves the TLS layer a copy of
  // every record. seal_to encrypts in || tail (a TLS 1.3 record's content type and padding)
  // into out (out.size() == in.size() + tail.size()). open_to decrypts in into out || tail
  // (in.size() == out.size() + tail.size(); the tail takes the end of a TLS 1.3 record when
  // the caller's buffer has room for its content only) and leaves both zeroed when the tag
  // fails.
  virtual Status seal_to(ByteView nonce, ByteView aad, ByteView in, ByteView tail,
                         MutableByteView out, MutableByteView tag);
  virtual Status open_to(ByteView nonce, ByteView aad, ByteView in, MutableByteView out,
                         MutableByteView tail, ByteView tag);
};

// A block cipher in CBC mode, keyed once for one direction. data.size() % 16 == 0.
class EMBER_API CbcCipher {
 public:
  virtual ~CbcCipher() = default;
  virtual CbcAlg alg() const = 0;
  virtual bool encrypting() const = 0;
  virtual Status crypt(ByteView iv, MutableByteView data) = 0;
};

// A public key, built from an already-parsed key (no generic DER decoding per handshake).
class EMBER_API PublicKey {
 public:
  virtual ~PublicKey() = default;
  virtual KeyType type() const = 0;
  virtual size_t bits() const = 0;                 // modulus / field size
  virtual std::optional<Curve> curve() const = 0;  // EC keys only
  // Verifies signature over message (hashed here as params say).
  virtual Status verify(const SignatureParams& params, ByteView message,
                        ByteView signature) const = 0;
  // RSA public encryption with PKCS#1 v1.5 padding (TLS 1.2 RSA key exchange client side).
  virtual Result<Bytes> rsa_encrypt_pkcs1(ByteView plaintext) const = 0;
  // SubjectPublicKeyInfo DER, for comparisons and debugging.
  virtual Result<Bytes> spki_der() const = 0;
  // Whether `other` is the same public key: same modulus and exponent (an RSA key and an
  // RSA-PSS key with those numbers match), same curve and point, same EdDSA key. Encodings
  // (compressed points, PSS parameters) do not matter.
  virtual bool same_key(const PublicKey& other) const = 0;
};

// A private key with its public half. Created by load_private_key.
class EMBER_API PrivateKey {
 public:
  virtual ~PrivateKey() = default;
  virtual KeyType type() const = 0;
  virtual size_t bits() const = 0;
  virtual std::optional<Curve> curve() const = 0;
  virtual const PublicKey& public_key() const = 0;
  virtual Result<Bytes> sign(const SignatureParams& params, ByteView message) const = 0;
  // TLS 1.2 RSA key exchange (RFC 5246 §7.4.7.1): decrypts an EncryptedPreMasterSecret in a way
  // that does not reveal padding validity. Always returns 48 bytes: the real premaster secret
  // when padding, length and client_version are right, otherwise random bytes (chosen before
  // decryption, selected in constant time). Errors only for a wrong-size ciphertext or non-RSA.
  virtual Result<Secret> rsa_decrypt_premaster(ByteView ciphertext,
                                               uint16_t client_version) const = 0;
};

// An ephemeral key pair for (EC)DHE. derive() checks the peer value cheaply (length, range,
// on-curve at import) and rejects all-zero X25519/X448 results.
class EMBER_API KeyShare {
 public:
  virtual ~KeyShare() = default;
  virtual Group group() const = 0;
  // Encoded public value as sent in TLS (uncompressed point, raw X25519/X448, or big-endian Y
  // padded to the prime's length).
  virtual ByteView public_value() const = 0;
  // Shared secret; for FFDHE padded to the prime's length (TLS 1.3). TLS 1.2 strips leading
  // zeros itself.
  virtual Result<Secret> derive(ByteView peer_public_value) = 0;
};

// Finite-field DHE with server-chosen parameters (TLS 1.2 DHE suites).
class EMBER_API DhKey {
 public:
  virtual ~DhKey() = default;
  virtual size_t prime_bits() const = 0;
  virtual ByteView public_value() const = 0;  // big-endian Y, minimal (no leading zeros)
  virtual Result<Secret> derive(ByteView peer_public_value) = 0;  // leading zeros stripped
};

class EMBER_API Provider {
 public:
  virtual ~Provider() = default;

  virtual Result<std::unique_ptr<Hash>> make_hash(HashAlg alg) const = 0;
  virtual Result<std::unique_ptr<Hmac>> make_hmac(HashAlg alg, ByteView key) const = 0;
  virtual Result<std::unique_ptr<Aead>> make_aead(AeadAlg alg, ByteView key) const = 0;
  virtual Result<std::unique_ptr<CbcCipher>> make_cbc(CbcAlg alg, ByteView key,
                                                      bool encrypt) const = 0;
  virtual bool supports(CbcAlg alg) const = 0;

  // One-shot conveniences (still using prefetched algorithms).
  virtual Status hash(HashAlg alg, ByteView data, MutableByteView out) const = 0;

  virtual Result<std::unique_ptr<KeyShare>> generate_key_share(Group group) const = 0;
  // A key share from a fixed private scalar (X25519/X448 only): known-answer tests and
  // reproducing published traces (RFC 7748, RFC 8448). Never used for live handshakes.
  virtual Result<std::unique_ptr<KeyShare>> key_share_from_private(Group group,
                                                                   ByteView private_key) const = 0;
  // p and g big-endian; rejects primes below min_prime_bits.
  virtual Result<std::unique_ptr<DhKey>> generate_dh(ByteView p, ByteView g,
                                                     size_t min_prime_bits) const = 0;

  // Public keys from their parsed parts (X.509 SubjectPublicKeyInfo contents).
  virtual Result<std::unique_ptr<PublicKey>> rsa_public_key(ByteView modulus,
                                                            ByteView exponent) const = 0;
  virtual Result<std::unique_ptr<PublicKey>> ec_public_key(Curve curve, ByteView point) const = 0;
  virtual Result<std::unique_ptr<PublicKey>> eddsa_public_key(KeyType type, ByteView raw) const = 0;

  // Private keys: PEM (PKCS#1 "RSA PRIVATE KEY", SEC1 "EC PRIVATE KEY", PKCS#8 "PRIVATE KEY",
  // "ENCRYPTED PRIVATE KEY") or DER of the same. password is used for encrypted PKCS#8 (and
  // legacy encrypted PEM); Error::password_required / bad_password when it is missing / wrong.
  virtual Result<std::unique_ptr<PrivateKey>> load_private_key(
      ByteView pem_or_der, std::optional<std::string_view> password = std::nullopt) const = 0;

  // Fills out from the provider's own CSPRNG (libcrypto's); protocol randoms use rng/ instead.
  virtual Status random_bytes(MutableByteView out) const = 0;
};

// The process-wide default provider (OpenSSL libcrypto). Thread-safe; never null.
EMBER_API const Provider& default_provider();

// --- Built on the interface above (src/crypto/kdf.cpp) ---

// HKDF (RFC 5869).
EMBER_API Result<Secret> hkdf_extract(const Provider& p, HashAlg alg, ByteView salt, ByteView ikm);
EMBER_API Status hkdf_expand(const Provider& p, HashAlg alg, ByteView prk, ByteView info,
                             MutableByteView out);
// HKDF-Expand-Label (RFC 8446 §7.1) with a pre-keyed HMAC whose key is the secret.
EMBER_API Status hkdf_expand_label(Hmac& keyed_secret, std::string_view label, ByteView context,
                                   MutableByteView out);
EMBER_API Result<Secret> hkdf_expand_label(const Provider& p, HashAlg alg, ByteView secret,
                                           std::string_view label, ByteView context, size_t length);
// TLS 1.2 PRF (RFC 5246 §5) with the given hash (SHA-256 or SHA-384).
EMBER_API Status tls12_prf(const Provider& p, HashAlg alg, ByteView secret, std::string_view label,
                           ByteView seed, MutableByteView out);
// The same with an HMAC keyed with the secret (reused: key expansion and both Finished).
EMBER_API Status tls12_prf(Hmac& keyed_secret, std::string_view label, ByteView seed,
                           MutableByteView out);

}  // namespace ember::crypto
