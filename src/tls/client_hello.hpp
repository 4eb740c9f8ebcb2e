// The parsed ClientHello, shared by the TLS 1.3 and TLS 1.2 server code.
#pragma once

#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "ember/core/bytes.hpp"
#include "ember/core/result.hpp"
#include "ember/crypto/algorithms.hpp"

namespace ember::tls {

struct ClientHelloInfo {
  ByteView compression;  // legacy_compression_methods
  uint16_t legacy_version = 0;
  ByteView random;
  ByteView session_id;
  std::vector<uint16_t> suites;
  std::optional<std::vector<uint16_t>> versions;
  std::vector<crypto::Group> groups;
  std::vector<std::pair<crypto::Group, ByteView>> shares;
  bool has_key_share = false;
  std::optional<std::vector<crypto::SignatureScheme>> schemes;
  std::string sni;
  std::optional<std::vector<std::string>> alpn;
  ByteView cookie;
  bool has_psk = false;
  bool psk_dhe_ke = false;
  bool psk_ke = false;
  std::optional<uint16_t> record_size_limit;
  ByteView psk_identity;  // the first identity's ticket
  uint32_t psk_obfuscated_age = 0;
  ByteView psk_binder;         // the first binder
  size_t psk_binders_len = 0;  // bytes of the binders list, with its length prefix
  // TLS 1.2
  bool ems = false;                    // extended_master_secret
  bool etm = false;                    // encrypt_then_mac
  std::optional<ByteView> reneg_info;  // renegotiation_info contents (or the SCSV: empty)
  bool fallback_scsv = false;
  bool reneg_scsv = false;                 // TLS_EMPTY_RENEGOTIATION_INFO_SCSV
  std::optional<ByteView> session_ticket;  // session_ticket extension (may be empty)
  bool has_ec_point_formats = false;
  bool uncompressed_points = false;
  uint8_t max_fragment_length = 0;
};

// Parses a ClientHello body; decode_error / illegal_parameter on malformed input.
Status parse_client_hello(ByteView body, ClientHelloInfo& ch);

}  // namespace ember::tls
