// PEM decoding (RFC 7468): several blocks per text, CRLF or LF, blank lines, text between
// blocks ignored, BEGIN/END labels must match, strict base64.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "ember/core/bytes.hpp"
#include "ember/core/export.hpp"
#include "ember/core/result.hpp"

namespace ember::asn1 {

struct PemBlock {
  std::string label;  // "CERTIFICATE", "X509 CRL", "PRIVATE KEY", ...
  Bytes der;
  bool has_headers = false;  // RFC 1421 headers (legacy encrypted keys)
};

constexpr size_t kMaxPemInput = 4u << 20;  // 4 MiB: far above any real chain or CRL file

// All blocks of text. Errors: pem_no_block (none found), pem_bad_label (END missing or not
// matching BEGIN), pem_bad_base64, input_too_large.
EMBER_API Result<std::vector<PemBlock>> pem_decode_all(std::string_view text);
// Blocks of text whose label is in labels; others are skipped. pem_bad_label if a block has
// another label and skip_others is false; pem_no_block if none match.
EMBER_API Result<std::vector<PemBlock>> pem_decode_labeled(
    std::string_view text, std::initializer_list<std::string_view> labels, bool skip_others = true);

// True when data contains a PEM BEGIN line (so callers can tell PEM from DER input).
EMBER_API bool looks_like_pem(ByteView data);

// Base64 (RFC 4648, with padding). Whitespace is not allowed here; the PEM reader strips it.
EMBER_API Result<Bytes> base64_decode(std::string_view b64);
EMBER_API std::string base64_encode(ByteView data);

}  // namespace ember::asn1
