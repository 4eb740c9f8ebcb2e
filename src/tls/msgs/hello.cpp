// ClientHello, ServerHello (and HelloRetryRequest), EncryptedExtensions.
#include <algorithm>
#include <cstring>

#include "tls/msgs/messages.hpp"

namespace ember::tls::msgs {

bool ClientHello::has(uint16_t suite) const {
  return std::find(cipher_suites.begin(), cipher_suites.end(), suite) != cipher_suites.end();
}

bool ClientHello::null_compression_only() const {
  return compression_methods.size() == 1 && compression_methods[0] == 0;
}

bool ClientHello::offers_null_compression() const {
  return std::find(compression_methods.begin(), compression_methods.end(), 0) !=
         compression_methods.end();
}

Status decode(ByteView body, ClientHello& out) {
  Reader r(body), suites;
  if (!r.u16(out.legacy_version) || !r.bytes(32, out.random) || !r.u8_prefixed(out.session_id) ||
      !r.u16_prefixed(suites) || !r.u8_prefixed(out.compression_methods) ||
      out.session_id.size() > 32 || out.compression_methods.empty())
    return Error::tls_decode_error;
  if (suites.empty() || suites.remaining() % 2 != 0) return Error::tls_decode_error;
  while (!suites.empty()) {
    uint16_t s = 0;
    (void)suites.u16(s);
    out.cipher_suites.push_back(s);
  }
  // No extensions at all: an old client.
  if (r.empty()) return {};
  ByteView block;
  if (!r.u16_prefixed(block) || !r.empty()) return Error::tls_decode_error;
  return ext::decode(ext::Message::client_hello, block, out.extensions);
}

Bytes encode(const ClientHello& in) {
  Bytes body;
  Writer w(body);
  w.u16(in.legacy_version);
  w.bytes(in.random);
  w.u8_prefixed([&] { w.bytes(in.session_id); });
  w.u16_prefixed([&] {
    for (uint16_t s : in.cipher_suites) w.u16(s);
  });
  w.u8_prefixed([&] { w.u8(0); });  // null compression only
  ext::encode(ext::Message::client_hello, in.extensions, w);
  return body;
}

size_t binders_size(const ClientHello& in) {
  if (in.extensions.psk_identities.empty()) return 0;
  size_t n = 2;
  for (ByteView b : in.extensions.psk_binders) n += 1 + b.size();
  return n;
}

bool ServerHello::is_hello_retry_request() const {
  return random.size() == 32 && std::memcmp(random.data(), kHelloRetryRandom, 32) == 0;
}

bool ServerHello::has_supported_versions() const {
  for (Reader scan(extensions_block); !scan.empty();) {
    uint16_t type;
    ByteView data;
    if (!scan.u16(type) || !scan.u16_prefixed(data)) return false;  // decode_extensions says
    if (type == ext::kSupportedVersions) return true;
  }
  return false;
}

Status decode(ByteView body, ServerHello& out) {
  Reader r(body);
  if (!r.u16(out.legacy_version) || !r.bytes(32, out.random) || !r.u8_prefixed(out.session_id) ||
      !r.u16(out.cipher_suite) || !r.u8(out.compression_method) || out.session_id.size() > 32)
    return Error::tls_decode_error;
  // A TLS 1.2 ServerHello may end without an extensions block (RFC 5246 §7.4.1.3).
  if (!r.empty() && (!r.u16_prefixed(out.extensions_block) || !r.empty()))
    return Error::tls_decode_error;
  return {};
}

Status decode_extensions(ServerHello& sh, ext::Message kind, const std::vector<uint16_t>& offered) {
  return ext::decode(kind, sh.extensions_block, sh.extensions, &offered);
}

Bytes encode(const ServerHello& in, ext::Message kind) {
  Bytes body;
  Writer w(body);
  w.u16(in.legacy_version);
  w.bytes(in.random);
  w.u8_prefixed([&] { w.bytes(in.session_id); });
  w.u16(in.cipher_suite);
  w.u8(in.compression_method);
  ext::encode(kind, in.extensions, w);
  return body;
}

Status decode(ByteView body, EncryptedExtensions& out, const std::vector<uint16_t>& offered) {
  Reader r(body);
  ByteView block;
  if (!r.u16_prefixed(block) || !r.empty()) return Error::tls_decode_error;
  return ext::decode(ext::Message::encrypted_extensions, block, out.extensions, &offered);
}

Bytes encode(const EncryptedExtensions& in) {
  Bytes body;
  Writer w(body);
  ext::encode(ext::Message::encrypted_extensions, in.extensions, w);
  return body;
}

}  // namespace ember::tls::msgs
