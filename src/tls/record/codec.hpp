// Wire framing shared by every record and handshake message: the TLS record header (RFC 5246
// §6.2.1, RFC 8446 §5.1), the TLS 1.2 additional data that AEAD and MAC cover (RFC 5246
// §6.2.3.3; DTLS 1.2 uses the same with epoch || sequence as the 64-bit number), the
// handshake message header (RFC 8446 §4), and the record-size limits.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <cstring>

#include "ember/core/bytes.hpp"

namespace ember::tls::record {

constexpr size_t kHeaderSize = 5;
constexpr uint16_t kVersion12 = 0x0303;           // legacy_record_version of every protected record
constexpr uint16_t kVersion10 = 0x0301;           // a first ClientHello's (RFC 8446 §5.1)
constexpr size_t kMaxPlaintext = 16384;           // 2^14 content bytes
constexpr size_t kMaxCiphertext13 = 16384 + 256;  // RFC 8446 §5.2
constexpr size_t kMaxCiphertext12 = 16384 + 2048;   // RFC 5246 §6.2.3
constexpr size_t kMaxInnerPlaintext13 = 16384 + 1;  // content + type byte (RFC 8446 §5.4)

struct Header {
  uint8_t type = 0;
  uint16_t version = 0;
  size_t length = 0;  // of the fragment that follows
};

inline void write_header(uint8_t* out, uint8_t type, uint16_t version, size_t length) {
  out[0] = type;
  out[1] = static_cast<uint8_t>(version >> 8);
  out[2] = static_cast<uint8_t>(version);
  out[3] = static_cast<uint8_t>(length >> 8);
  out[4] = static_cast<uint8_t>(length);
}

inline Header read_header(const uint8_t* in) {
  return {in[0], static_cast<uint16_t>((in[1] << 8) | in[2]),
          (static_cast<size_t>(in[3]) << 8) | in[4]};
}

inline void put_u64(uint8_t* out, uint64_t v) {
  for (int i = 0; i < 8; ++i) out[i] = static_cast<uint8_t>(v >> (56 - 8 * i));
}

// seq_num || type || version || length: what a TLS 1.2 record's AEAD tag or MAC covers.
constexpr size_t kAad12Size = 13;
inline void write_aad12(uint8_t* out, uint64_t seq, uint8_t type, uint16_t version, size_t length) {
  put_u64(out, seq);
  out[8] = type;
  out[9] = static_cast<uint8_t>(version >> 8);
  out[10] = static_cast<uint8_t>(version);
  out[11] = static_cast<uint8_t>(length >> 8);
  out[12] = static_cast<uint8_t>(length);
}

// Handshake message header: msg_type and a 24-bit length.
constexpr size_t kHandshakeHeaderSize = 4;
inline std::array<uint8_t, kHandshakeHeaderSize> handshake_header(uint8_t type, size_t length) {
  return {type, static_cast<uint8_t>(length >> 16), static_cast<uint8_t>(length >> 8),
          static_cast<uint8_t>(length)};
}
inline size_t handshake_length(const uint8_t* header) {
  return (static_cast<size_t>(header[1]) << 16) | (static_cast<size_t>(header[2]) << 8) | header[3];
}
// A whole handshake message (header + body) as the transcript hashes it.
inline Bytes handshake_message(uint8_t type, ByteView body) {
  Bytes msg(kHandshakeHeaderSize + body.size());
  auto h = handshake_header(type, body.size());
  std::memcpy(msg.data(), h.data(), h.size());
  if (!body.empty()) std::memcpy(msg.data() + h.size(), body.data(), body.size());
  return msg;
}

}  // namespace ember::tls::record
