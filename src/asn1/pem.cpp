// PEM and base64 decoding.
#include "ember/asn1/pem.hpp"

#include <array>

namespace ember::asn1 {

namespace {

constexpr std::array<int8_t, 256> make_b64_table() {
  std::array<int8_t, 256> t{};
  for (auto& x : t) x = -1;
  const char* alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  for (int i = 0; i < 64; ++i) t[static_cast<uint8_t>(alphabet[i])] = static_cast<int8_t>(i);
  return t;
}
constexpr auto kB64 = make_b64_table();

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.back() == '\r' || s.back() == ' ' || s.back() == '\t'))
    s.remove_suffix(1);
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  return s;
}

bool armour(std::string_view line, std::string_view kind, std::string_view& label) {
  // "-----BEGIN LABEL-----"
  std::string_view head = kind == "BEGIN" ? "-----BEGIN " : "-----END ";
  if (line.size() < head.size() + 5 || line.substr(0, head.size()) != head ||
      line.substr(line.size() - 5) != "-----")
    return false;
  label = line.substr(head.size(), line.size() - head.size() - 5);
  return true;
}

}  // namespace

Result<Bytes> base64_decode(std::string_view s) {
  if (s.size() % 4 != 0) return Error::pem_bad_base64;
  Bytes out;
  out.reserve(s.size() / 4 * 3);
  for (size_t i = 0; i < s.size(); i += 4) {
    bool last = i + 4 == s.size();
    int v[4];
    int pad = 0;
    for (int j = 0; j < 4; ++j) {
      char c = s[i + static_cast<size_t>(j)];
      if (c == '=' && last && j >= 2) {
        v[j] = 0;
        ++pad;
        continue;
      }
      if (pad > 0) return Error::pem_bad_base64;  // data after padding
      // -1 marks "not base64": the table is signed on purpose.
      v[j] =
          static_cast<int>(kB64[static_cast<uint8_t>(c)]);  // NOLINT(bugprone-signed-char-misuse)
      if (v[j] < 0) return Error::pem_bad_base64;
    }
    uint32_t n =
        (uint32_t(v[0]) << 18) | (uint32_t(v[1]) << 12) | (uint32_t(v[2]) << 6) | uint32_t(v[3]);
    out.push_back(static_cast<uint8_t>(n >> 16));
    if (pad < 2) out.push_back(static_cast<uint8_t>(n >> 8));
    if (pad < 1) out.push_back(static_cast<uint8_t>(n));
    // Canonical form: the bits dropped by padding must be zero.
    if ((pad == 1 && (n & 0xff) != 0) || (pad == 2 && (n & 0xffff) != 0))
      return Error::pem_bad_base64;
  }
  return out;
}

std::string base64_encode(ByteView d) {
  static constexpr char kAlpha[] =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  std::string out;
  out.reserve((d.size() + 2) / 3 * 4);
  for (size_t i = 0; i < d.size(); i += 3) {
    uint32_t n = uint32_t(d[i]) << 16;
    if (i + 1 < d.size()) n |= uint32_t(d[i + 1]) << 8;
    if (i + 2 < d.size()) n |= d[i + 2];
    out.push_back(kAlpha[(n >> 18) & 63]);
    out.push_back(kAlpha[(n >> 12) & 63]);
    out.push_back(i + 1 < d.size() ? kAlpha[(n >> 6) & 63] : '=');
    out.push_back(i + 2 < d.size() ? kAlpha[n & 63] : '=');
  }
  return out;
}

Result<std::vector<PemBlock>> pem_decode_all(std::string_view text) {
  if (text.size() > kMaxPemInput) return Error::input_too_large;
  std::vector<PemBlock> blocks;
  size_t pos = 0;
  bool inside = false;
  bool in_headers = false;
  std::string b64;
  PemBlock cur;
  while (pos < text.size()) {
    size_t nl = text.find('\n', pos);
    std::string_view line =
        trim(text.substr(pos, nl == std::string_view::npos ? std::string_view::npos : nl - pos));
    pos = nl == std::string_view::npos ? text.size() : nl + 1;
    std::string_view label;
    if (!inside) {
      if (armour(line, "BEGIN", label)) {
        inside = true;
        in_headers = true;
        cur = PemBlock{std::string(label), {}, false};
        b64.clear();
      }
      continue;  // text outside blocks (e.g. `openssl x509 -text` output) is ignored
    }
    if (armour(line, "END", label)) {
      if (label != cur.label) return Error::pem_bad_label;
      EMBER_TRY_ASSIGN(auto der, base64_decode(b64));
      if (der.empty()) return Error::pem_bad_base64;
      cur.der = std::move(der);
      blocks.push_back(std::move(cur));
      cur = PemBlock{};  // moved from: a fresh one until the next BEGIN
      inside = false;
      continue;
    }
    if (line.starts_with("-----")) return Error::pem_bad_label;  // BEGIN inside a block
    if (in_headers && line.find(':') != std::string_view::npos) {
      cur.has_headers = true;  // RFC 1421 header ("Proc-Type: 4,ENCRYPTED")
      continue;
    }
    if (line.empty()) {
      if (cur.has_headers && in_headers && b64.empty()) in_headers = false;
      continue;
    }
    in_headers = false;
    for (char c : line) {
      if (c == ' ' || c == '\t') continue;
      b64.push_back(c);
    }
  }
  if (inside) return Error::pem_bad_label;  // no END line
  if (blocks.empty()) return Error::pem_no_block;
  return blocks;
}

Result<std::vector<PemBlock>> pem_decode_labeled(std::string_view text,
                                                 std::initializer_list<std::string_view> labels,
                                                 bool skip_others) {
  EMBER_TRY_ASSIGN(auto all, pem_decode_all(text));
  std::vector<PemBlock> out;
  for (auto& b : all) {
    bool match = false;
    for (auto l : labels) match |= b.label == l;
    if (match) {
      out.push_back(std::move(b));
    } else if (!skip_others) {
      return Error::pem_bad_label;
    }
  }
  if (out.empty()) return Error::pem_no_block;
  return out;
}

bool looks_like_pem(ByteView data) {
  std::string_view s(reinterpret_cast<const char*>(data.data()), data.size());
  return s.find("-----BEGIN ") != std::string_view::npos;
}

}  // namespace ember::asn1
