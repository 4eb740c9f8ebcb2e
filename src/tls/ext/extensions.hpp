// Hello and handshake extensions: one struct holding every extension embertls knows, and one
// registry that knows, for each, the messages it may appear in (RFC 8446 §4.2's table, and
// the TLS 1.2 ServerHello's), how to read and write it, and the order it is sent in. Every
// message decodes its extension block through decode(): duplicates, extensions not allowed in
// that message and (in answers) extensions that were not offered are refused there, once.
//
// Byte fields are views into the message being decoded, or into the caller's data when
// encoding: an Extensions lives no longer than the message it was read from.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "ember/core/bytes.hpp"
#include "ember/core/result.hpp"
#include "ember/crypto/algorithms.hpp"

namespace ember::tls::ext {

// The messages an extension block is part of.
enum class Message : uint8_t {
  client_hello,
  server_hello12,        // a TLS 1.2 ServerHello
  server_hello,          // a TLS 1.3 ServerHello
  hello_retry_request,   // a TLS 1.3 ServerHello with the HelloRetryRequest random
  encrypted_extensions,  // TLS 1.3
  certificate_request,   // TLS 1.3
  certificate,           // TLS 1.3, per certificate entry
  new_session_ticket,    // TLS 1.3
};

struct KeyShare {
  crypto::Group group{};
  ByteView key_exchange;
};

struct PskIdentity {
  ByteView identity;
  uint32_t obfuscated_ticket_age = 0;
};

struct Extensions {
  // server_name (RFC 6066 §3): the client's host_name; a server's empty acknowledgement.
  std::optional<std::string> server_name;      // client_hello
  bool server_name_ack = false;                // server_hello12, encrypted_extensions
  std::optional<uint8_t> max_fragment_length;  // RFC 6066 §4, codes 1..4
  std::optional<std::vector<crypto::Group>> supported_groups;
  std::optional<ByteView> ec_point_formats;  // RFC 8422 §5.1.2 (a TLS 1.2 matter)
  std::optional<std::vector<crypto::SignatureScheme>> signature_algorithms;
  std::optional<std::vector<crypto::SignatureScheme>> signature_algorithms_cert;
  std::optional<std::vector<std::string>> alpn;  // the offer, or the one protocol chosen
  bool encrypt_then_mac = false;                 // RFC 7366
  bool extended_master_secret = false;           // RFC 7627
  std::optional<ByteView> session_ticket;        // RFC 5077 (empty: none / an offer of one)
  std::optional<uint16_t> record_size_limit;     // RFC 8449
  // pre_shared_key (RFC 8446 §4.2.11): identities and binders offered, or the one selected.
  std::vector<PskIdentity> psk_identities;  // client_hello
  std::vector<ByteView> psk_binders;        // client_hello
  size_t psk_binders_size = 0;              // client_hello: the binders list with its prefix
  std::optional<uint16_t> psk_selected;     // server_hello
  bool early_data = false;
  // supported_versions: offered (client_hello), or selected (server_hello, HRR).
  std::optional<std::vector<uint16_t>> supported_versions;
  std::optional<uint16_t> selected_version;
  std::optional<ByteView> cookie;                  // client_hello, hello_retry_request
  std::optional<ByteView> psk_key_exchange_modes;  // the modes, one byte each
  // key_share: the client's shares, the server's one, or the group a HelloRetryRequest asks
  // for (a server_share with no key).
  std::optional<std::vector<KeyShare>> client_shares;
  std::optional<KeyShare> server_share;
  std::optional<ByteView> renegotiation_info;  // RFC 5746: the verify_data it carries

  std::vector<uint16_t> received;  // every extension type present, in order (unknown included)
  bool has(uint16_t type) const;
};

// Reads an extension block (the contents of its u16 length prefix). Malformed contents are
// decode_error; a repeated type illegal_parameter (RFC 8446 §4.2); a known extension in a
// message it is not specified for illegal_parameter (§4.2); in an answer (anything but a
// ClientHello) an unknown extension, or one of `offered` types that was not sent,
// unsupported_extension. In a ClientHello, unknown extensions are ignored, and
// pre_shared_key must come last (illegal_parameter).
Status decode(Message where, ByteView block, Extensions& out,
              const std::vector<uint16_t>* offered = nullptr);

// Writes the extensions of `in` that may appear in `where`, in the registry's order (which
// puts pre_shared_key last), as a whole block with its u16 length prefix.
void encode(Message where, const Extensions& in, Writer& w);

// The registry's name for an extension type ("key_share"), for traces; "unknown" otherwise.
std::string_view name(uint16_t type);

}  // namespace ember::tls::ext
