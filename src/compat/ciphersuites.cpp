// Ciphersuite names (ssl_ciphersuites.h): the 207 suites Mbed TLS 2.28 names, in its
// preference order, with whether embertls implements them, plus the TLS 1.3 suites under their
// Mbed TLS 3.x names.
#include "compat.hpp"

namespace ember::compat {
namespace {

struct Suite {
  const char* name;
  int id;
  bool implemented;
};

// TLS 1.3 first (embertls' default order), then Mbed TLS 2.28's ciphersuite_preference order.
constexpr Suite kSuites[] = {
    {"TLS1-3-AES-256-GCM-SHA384", 0x1302, true},
    {"TLS1-3-CHACHA20-POLY1305-SHA256", 0x1303, true},
    {"TLS1-3-AES-128-GCM-SHA256", 0x1301, true},
    {"TLS1-3-AES-128-CCM-SHA256", 0x1304, true},
    {"TLS1-3-AES-128-CCM-8-SHA256", 0x1305, true},
    {"TLS-ECDHE-RSA-WITH-CHACHA20-POLY1305-SHA256", 0xCCA8, true},
    {"TLS-ECDHE-ECDSA-WITH-CHACHA20-POLY1305-SHA256", 0xCCA9, true},
    {"TLS-DHE-RSA-WITH-CHACHA20-POLY1305-SHA256", 0xCCAA, true},
    {"TLS-ECDHE-ECDSA-WITH-AES-256-GCM-SHA384", 0xC02C, true},
    {"TLS-ECDHE-RSA-WITH-AES-256-GCM-SHA384", 0xC030, true},
    {"TLS-DHE-RSA-WITH-AES-256-GCM-SHA384", 0x009F, true},
    {"TLS-ECDHE-ECDSA-WITH-AES-256-CCM", 0xC0AD, true},
    {"TLS-DHE-RSA-WITH-AES-256-CCM", 0xC09F, true},
    {"TLS-ECDHE-ECDSA-WITH-AES-256-CBC-SHA384", 0xC024, true},
    {"TLS-ECDHE-RSA-WITH-AES-256-CBC-SHA384", 0xC028, true},
    {"TLS-DHE-RSA-WITH-AES-256-CBC-SHA256", 0x006B, true},
    {"TLS-ECDHE-ECDSA-WITH-AES-256-CBC-SHA", 0xC00A, true},
    {"TLS-ECDHE-RSA-WITH-AES-256-CBC-SHA", 0xC014, true},
    {"TLS-DHE-RSA-WITH-AES-256-CBC-SHA", 0x0039, true},
    {"TLS-ECDHE-ECDSA-WITH-AES-256-CCM-8", 0xC0AF, true},
    {"TLS-DHE-RSA-WITH-AES-256-CCM-8", 0xC0A3, true},
    {"TLS-ECDHE-ECDSA-WITH-CAMELLIA-256-GCM-SHA384", 0xC087, false},
    {"TLS-ECDHE-RSA-WITH-CAMELLIA-256-GCM-SHA384", 0xC08B, false},
    {"TLS-DHE-RSA-WITH-CAMELLIA-256-GCM-SHA384", 0xC07D, false},
    {"TLS-ECDHE-ECDSA-WITH-CAMELLIA-256-CBC-SHA384", 0xC073, true},
    {"TLS-ECDHE-RSA-WITH-CAMELLIA-256-CBC-SHA384", 0xC077, true},
    {"TLS-DHE-RSA-WITH-CAMELLIA-256-CBC-SHA256", 0x00C4, true},
    {"TLS-DHE-RSA-WITH-CAMELLIA-256-CBC-SHA", 0x0088, false},
    {"TLS-ECDHE-ECDSA-WITH-ARIA-256-GCM-SHA384", 0xC05D, true},
    {"TLS-ECDHE-RSA-WITH-ARIA-256-GCM-SHA384", 0xC061, true},
    {"TLS-DHE-RSA-WITH-ARIA-256-GCM-SHA384", 0xC053, true},
    {"TLS-ECDHE-ECDSA-WITH-ARIA-256-CBC-SHA384", 0xC049, true},
    {"TLS-ECDHE-RSA-WITH-ARIA-256-CBC-SHA384", 0xC04D, true},
    {"TLS-DHE-RSA-WITH-ARIA-256-CBC-SHA384", 0xC045, true},
    {"TLS-ECDHE-ECDSA-WITH-AES-128-GCM-SHA256", 0xC02B, true},
    {"TLS-ECDHE-RSA-WITH-AES-128-GCM-SHA256", 0xC02F, true},
    {"TLS-DHE-RSA-WITH-AES-128-GCM-SHA256", 0x009E, true},
    {"TLS-ECDHE-ECDSA-WITH-AES-128-CCM", 0xC0AC, true},
    {"TLS-DHE-RSA-WITH-AES-128-CCM", 0xC09E, true},
    {"TLS-ECDHE-ECDSA-WITH-AES-128-CBC-SHA256", 0xC023, true},
    {"TLS-ECDHE-RSA-WITH-AES-128-CBC-SHA256", 0xC027, true},
    {"TLS-DHE-RSA-WITH-AES-128-CBC-SHA256", 0x0067, true},
    {"TLS-ECDHE-ECDSA-WITH-AES-128-CBC-SHA", 0xC009, true},
    {"TLS-ECDHE-RSA-WITH-AES-128-CBC-SHA", 0xC013, true},
    {"TLS-DHE-RSA-WITH-AES-128-CBC-SHA", 0x0033, true},
    {"TLS-ECDHE-ECDSA-WITH-AES-128-CCM-8", 0xC0AE, true},
    {"TLS-DHE-RSA-WITH-AES-128-CCM-8", 0xC0A2, true},
    {"TLS-ECDHE-ECDSA-WITH-CAMELLIA-128-GCM-SHA256", 0xC086, false},
    {"TLS-ECDHE-RSA-WITH-CAMELLIA-128-GCM-SHA256", 0xC08A, false},
    {"TLS-DHE-RSA-WITH-CAMELLIA-128-GCM-SHA256", 0xC07C, false},
    {"TLS-ECDHE-ECDSA-WITH-CAMELLIA-128-CBC-SHA256", 0xC072, true},
    {"TLS-ECDHE-RSA-WITH-CAMELLIA-128-CBC-SHA256", 0xC076, true},
    {"TLS-DHE-RSA-WITH-CAMELLIA-128-CBC-SHA256", 0x00BE, true},
    {"TLS-DHE-RSA-WITH-CAMELLIA-128-CBC-SHA", 0x0045, false},
    {"TLS-ECDHE-ECDSA-WITH-ARIA-128-GCM-SHA256", 0xC05C, true},
    {"TLS-ECDHE-RSA-WITH-ARIA-128-GCM-SHA256", 0xC060, true},
    {"TLS-DHE-RSA-WITH-ARIA-128-GCM-SHA256", 0xC052, true},
    {"TLS-ECDHE-ECDSA-WITH-ARIA-128-CBC-SHA256", 0xC048, true},
    {"TLS-ECDHE-RSA-WITH-ARIA-128-CBC-SHA256", 0xC04C, true},
    {"TLS-DHE-RSA-WITH-ARIA-128-CBC-SHA256", 0xC044, true},
    {"TLS-ECDHE-PSK-WITH-CHACHA20-POLY1305-SHA256", 0xCCAC, true},
    {"TLS-DHE-PSK-WITH-CHACHA20-POLY1305-SHA256", 0xCCAD, true},
    {"TLS-DHE-PSK-WITH-AES-256-GCM-SHA384", 0x00AB, true},
    {"TLS-DHE-PSK-WITH-AES-256-CCM", 0xC0A7, true},
    {"TLS-ECDHE-PSK-WITH-AES-256-CBC-SHA384", 0xC038, true},
    {"TLS-DHE-PSK-WITH-AES-256-CBC-SHA384", 0x00B3, true},
    {"TLS-ECDHE-PSK-WITH-AES-256-CBC-SHA", 0xC036, true},
    {"TLS-DHE-PSK-WITH-AES-256-CBC-SHA", 0x0091, true},
    {"TLS-DHE-PSK-WITH-CAMELLIA-256-GCM-SHA384", 0xC091, false},
    {"TLS-ECDHE-PSK-WITH-CAMELLIA-256-CBC-SHA384", 0xC09B, true},
    {"TLS-DHE-PSK-WITH-CAMELLIA-256-CBC-SHA384", 0xC097, false},
    {"TLS-DHE-PSK-WITH-AES-256-CCM-8", 0xC0AB, false},
    {"TLS-DHE-PSK-WITH-ARIA-256-GCM-SHA384", 0xC06D, true},
    {"TLS-ECDHE-PSK-WITH-ARIA-256-CBC-SHA384", 0xC071, true},
    {"TLS-DHE-PSK-WITH-ARIA-256-CBC-SHA384", 0xC067, false},
    {"TLS-DHE-PSK-WITH-AES-128-GCM-SHA256", 0x00AA, true},
    {"TLS-DHE-PSK-WITH-AES-128-CCM", 0xC0A6, true},
    {"TLS-ECDHE-PSK-WITH-AES-128-CBC-SHA256", 0xC037, true},
    {"TLS-DHE-PSK-WITH-AES-128-CBC-SHA256", 0x00B2, true},
    {"TLS-ECDHE-PSK-WITH-AES-128-CBC-SHA", 0xC035, true},
    {"TLS-DHE-PSK-WITH-AES-128-CBC-SHA", 0x0090, true},
    {"TLS-DHE-PSK-WITH-CAMELLIA-128-GCM-SHA256", 0xC090, false},
    {"TLS-DHE-PSK-WITH-CAMELLIA-128-CBC-SHA256", 0xC096, false},
    {"TLS-ECDHE-PSK-WITH-CAMELLIA-128-CBC-SHA256", 0xC09A, true},
    {"TLS-DHE-PSK-WITH-AES-128-CCM-8", 0xC0AA, false},
    {"TLS-DHE-PSK-WITH-ARIA-128-GCM-SHA256", 0xC06C, true},
    {"TLS-ECDHE-PSK-WITH-ARIA-128-CBC-SHA256", 0xC070, true},
    {"TLS-DHE-PSK-WITH-ARIA-128-CBC-SHA256", 0xC066, false},
    {"TLS-ECJPAKE-WITH-AES-128-CCM-8", 0xC0FF, false},
    {"TLS-RSA-WITH-AES-256-GCM-SHA384", 0x009D, true},
    {"TLS-RSA-WITH-AES-256-CCM", 0xC09D, true},
    {"TLS-RSA-WITH-AES-256-CBC-SHA256", 0x003D, true},
    {"TLS-RSA-WITH-AES-256-CBC-SHA", 0x0035, true},
    {"TLS-ECDH-RSA-WITH-AES-256-GCM-SHA384", 0xC032, false},
    {"TLS-ECDH-RSA-WITH-AES-256-CBC-SHA384", 0xC02A, false},
    {"TLS-ECDH-RSA-WITH-AES-256-CBC-SHA", 0xC00F, false},
    {"TLS-ECDH-ECDSA-WITH-AES-256-GCM-SHA384", 0xC02E, false},
    {"TLS-ECDH-ECDSA-WITH-AES-256-CBC-SHA384", 0xC026, false},
    {"TLS-ECDH-ECDSA-WITH-AES-256-CBC-SHA", 0xC005, false},
    {"TLS-RSA-WITH-AES-256-CCM-8", 0xC0A1, true},
    {"TLS-RSA-WITH-CAMELLIA-256-GCM-SHA384", 0xC07B, false},
    {"TLS-RSA-WITH-CAMELLIA-256-CBC-SHA256", 0x00C0, true},
    {"TLS-RSA-WITH-CAMELLIA-256-CBC-SHA", 0x0084, false},
    {"TLS-ECDH-RSA-WITH-CAMELLIA-256-GCM-SHA384", 0xC08D, false},
    {"TLS-ECDH-RSA-WITH-CAMELLIA-256-CBC-SHA384", 0xC079, false},
    {"TLS-ECDH-ECDSA-WITH-CAMELLIA-256-GCM-SHA384", 0xC089, false},
    {"TLS-ECDH-ECDSA-WITH-CAMELLIA-256-CBC-SHA384", 0xC075, false},
    {"TLS-ECDH-ECDSA-WITH-ARIA-256-GCM-SHA384", 0xC05F, false},
    {"TLS-ECDH-RSA-WITH-ARIA-256-GCM-SHA384", 0xC063, false},
    {"TLS-RSA-WITH-ARIA-256-GCM-SHA384", 0xC051, true},
    {"TLS-ECDH-ECDSA-WITH-ARIA-256-CBC-SHA384", 0xC04B, false},
    {"TLS-ECDH-RSA-WITH-ARIA-256-CBC-SHA384", 0xC04F, false},
    {"TLS-RSA-WITH-ARIA-256-CBC-SHA384", 0xC03D, true},
    {"TLS-RSA-WITH-AES-128-GCM-SHA256", 0x009C, true},
    {"TLS-RSA-WITH-AES-128-CCM", 0xC09C, true},
    {"TLS-RSA-WITH-AES-128-CBC-SHA256", 0x003C, true},
    {"TLS-RSA-WITH-AES-128-CBC-SHA", 0x002F, true},
    {"TLS-ECDH-RSA-WITH-AES-128-GCM-SHA256", 0xC031, false},
    {"TLS-ECDH-RSA-WITH-AES-128-CBC-SHA256", 0xC029, false},
    {"TLS-ECDH-RSA-WITH-AES-128-CBC-SHA", 0xC00E, false},
    {"TLS-ECDH-ECDSA-WITH-AES-128-GCM-SHA256", 0xC02D, false},
    {"TLS-ECDH-ECDSA-WITH-AES-128-CBC-SHA256", 0xC025, false},
    {"TLS-ECDH-ECDSA-WITH-AES-128-CBC-SHA", 0xC004, false},
    {"TLS-RSA-WITH-AES-128-CCM-8", 0xC0A0, true},
    {"TLS-RSA-WITH-CAMELLIA-128-GCM-SHA256", 0xC07A, false},
    {"TLS-RSA-WITH-CAMELLIA-128-CBC-SHA256", 0x00BA, true},
    {"TLS-RSA-WITH-CAMELLIA-128-CBC-SHA", 0x0041, false},
    {"TLS-ECDH-RSA-WITH-CAMELLIA-128-GCM-SHA256", 0xC08C, false},
    {"TLS-ECDH-RSA-WITH-CAMELLIA-128-CBC-SHA256", 0xC078, false},
    {"TLS-ECDH-ECDSA-WITH-CAMELLIA-128-GCM-SHA256", 0xC088, false},
    {"TLS-ECDH-ECDSA-WITH-CAMELLIA-128-CBC-SHA256", 0xC074, false},
    {"TLS-ECDH-ECDSA-WITH-ARIA-128-GCM-SHA256", 0xC05E, false},
    {"TLS-ECDH-RSA-WITH-ARIA-128-GCM-SHA256", 0xC062, false},
    {"TLS-RSA-WITH-ARIA-128-GCM-SHA256", 0xC050, true},
    {"TLS-ECDH-ECDSA-WITH-ARIA-128-CBC-SHA256", 0xC04A, false},
    {"TLS-ECDH-RSA-WITH-ARIA-128-CBC-SHA256", 0xC04E, false},
    {"TLS-RSA-WITH-ARIA-128-CBC-SHA256", 0xC03C, true},
    {"TLS-RSA-PSK-WITH-CHACHA20-POLY1305-SHA256", 0xCCAE, true},
    {"TLS-RSA-PSK-WITH-AES-256-GCM-SHA384", 0x00AD, true},
    {"TLS-RSA-PSK-WITH-AES-256-CBC-SHA384", 0x00B7, true},
    {"TLS-RSA-PSK-WITH-AES-256-CBC-SHA", 0x0095, true},
    {"TLS-RSA-PSK-WITH-CAMELLIA-256-GCM-SHA384", 0xC093, false},
    {"TLS-RSA-PSK-WITH-CAMELLIA-256-CBC-SHA384", 0xC099, false},
    {"TLS-RSA-PSK-WITH-ARIA-256-GCM-SHA384", 0xC06F, true},
    {"TLS-RSA-PSK-WITH-ARIA-256-CBC-SHA384", 0xC069, false},
    {"TLS-RSA-PSK-WITH-AES-128-GCM-SHA256", 0x00AC, true},
    {"TLS-RSA-PSK-WITH-AES-128-CBC-SHA256", 0x00B6, true},
    {"TLS-RSA-PSK-WITH-AES-128-CBC-SHA", 0x0094, true},
    {"TLS-RSA-PSK-WITH-CAMELLIA-128-GCM-SHA256", 0xC092, false},
    {"TLS-RSA-PSK-WITH-CAMELLIA-128-CBC-SHA256", 0xC098, false},
    {"TLS-RSA-PSK-WITH-ARIA-128-GCM-SHA256", 0xC06E, true},
    {"TLS-RSA-PSK-WITH-ARIA-128-CBC-SHA256", 0xC068, false},
    {"TLS-PSK-WITH-CHACHA20-POLY1305-SHA256", 0xCCAB, true},
    {"TLS-PSK-WITH-AES-256-GCM-SHA384", 0x00A9, true},
    {"TLS-PSK-WITH-AES-256-CCM", 0xC0A5, true},
    {"TLS-PSK-WITH-AES-256-CBC-SHA384", 0x00AF, true},
    {"TLS-PSK-WITH-AES-256-CBC-SHA", 0x008D, true},
    {"TLS-PSK-WITH-CAMELLIA-256-GCM-SHA384", 0xC08F, false},
    {"TLS-PSK-WITH-CAMELLIA-256-CBC-SHA384", 0xC095, true},
    {"TLS-PSK-WITH-AES-256-CCM-8", 0xC0A9, true},
    {"TLS-PSK-WITH-ARIA-256-GCM-SHA384", 0xC06B, true},
    {"TLS-PSK-WITH-ARIA-256-CBC-SHA384", 0xC065, true},
    {"TLS-PSK-WITH-AES-128-GCM-SHA256", 0x00A8, true},
    {"TLS-PSK-WITH-AES-128-CCM", 0xC0A4, true},
    {"TLS-PSK-WITH-AES-128-CBC-SHA256", 0x00AE, true},
    {"TLS-PSK-WITH-AES-128-CBC-SHA", 0x008C, true},
    {"TLS-PSK-WITH-CAMELLIA-128-GCM-SHA256", 0xC08E, false},
    {"TLS-PSK-WITH-CAMELLIA-128-CBC-SHA256", 0xC094, true},
    {"TLS-PSK-WITH-AES-128-CCM-8", 0xC0A8, true},
    {"TLS-PSK-WITH-ARIA-128-GCM-SHA256", 0xC06A, true},
    {"TLS-PSK-WITH-ARIA-128-CBC-SHA256", 0xC064, true},
    {"TLS-ECDHE-ECDSA-WITH-3DES-EDE-CBC-SHA", 0xC008, false},
    {"TLS-ECDHE-RSA-WITH-3DES-EDE-CBC-SHA", 0xC012, false},
    {"TLS-DHE-RSA-WITH-3DES-EDE-CBC-SHA", 0x0016, false},
    {"TLS-ECDHE-PSK-WITH-3DES-EDE-CBC-SHA", 0xC034, false},
    {"TLS-DHE-PSK-WITH-3DES-EDE-CBC-SHA", 0x008F, false},
    {"TLS-RSA-WITH-3DES-EDE-CBC-SHA", 0x000A, false},
    {"TLS-ECDH-RSA-WITH-3DES-EDE-CBC-SHA", 0xC00D, false},
    {"TLS-ECDH-ECDSA-WITH-3DES-EDE-CBC-SHA", 0xC003, false},
    {"TLS-RSA-PSK-WITH-3DES-EDE-CBC-SHA", 0x0093, false},
    {"TLS-PSK-WITH-3DES-EDE-CBC-SHA", 0x008B, false},
    {"TLS-ECDHE-ECDSA-WITH-RC4-128-SHA", 0xC007, false},
    {"TLS-ECDHE-RSA-WITH-RC4-128-SHA", 0xC011, false},
    {"TLS-ECDHE-PSK-WITH-RC4-128-SHA", 0xC033, false},
    {"TLS-DHE-PSK-WITH-RC4-128-SHA", 0x008E, false},
    {"TLS-RSA-WITH-RC4-128-SHA", 0x0005, false},
    {"TLS-RSA-WITH-RC4-128-MD5", 0x0004, false},
    {"TLS-ECDH-RSA-WITH-RC4-128-SHA", 0xC00C, false},
    {"TLS-ECDH-ECDSA-WITH-RC4-128-SHA", 0xC002, false},
    {"TLS-RSA-PSK-WITH-RC4-128-SHA", 0x0092, false},
    {"TLS-PSK-WITH-RC4-128-SHA", 0x008A, false},
    {"TLS-DHE-RSA-WITH-DES-CBC-SHA", 0x0015, false},
    {"TLS-RSA-WITH-DES-CBC-SHA", 0x0009, false},
    {"TLS-ECDHE-ECDSA-WITH-NULL-SHA", 0xC006, false},
    {"TLS-ECDHE-RSA-WITH-NULL-SHA", 0xC010, false},
    {"TLS-ECDHE-PSK-WITH-NULL-SHA384", 0xC03B, false},
    {"TLS-ECDHE-PSK-WITH-NULL-SHA256", 0xC03A, false},
    {"TLS-ECDHE-PSK-WITH-NULL-SHA", 0xC039, false},
    {"TLS-DHE-PSK-WITH-NULL-SHA384", 0x00B5, false},
    {"TLS-DHE-PSK-WITH-NULL-SHA256", 0x00B4, false},
    {"TLS-DHE-PSK-WITH-NULL-SHA", 0x002D, false},
    {"TLS-RSA-WITH-NULL-SHA256", 0x003B, false},
    {"TLS-RSA-WITH-NULL-SHA", 0x0002, false},
    {"TLS-RSA-WITH-NULL-MD5", 0x0001, false},
    {"TLS-ECDH-RSA-WITH-NULL-SHA", 0xC00B, false},
    {"TLS-ECDH-ECDSA-WITH-NULL-SHA", 0xC001, false},
    {"TLS-RSA-PSK-WITH-NULL-SHA384", 0x00B9, false},
    {"TLS-RSA-PSK-WITH-NULL-SHA256", 0x00B8, false},
    {"TLS-RSA-PSK-WITH-NULL-SHA", 0x002E, false},
    {"TLS-PSK-WITH-NULL-SHA384", 0x00B1, false},
    {"TLS-PSK-WITH-NULL-SHA256", 0x00B0, false},
    {"TLS-PSK-WITH-NULL-SHA", 0x002C, false},
};

}  // namespace

const char* suite_name(int id) noexcept {
  for (const auto& s : kSuites)
    if (s.id == id) return s.name;
  return nullptr;
}

// The default list: implemented suites in preference order, 0-terminated.
const int* default_suites() noexcept {
  struct List {
    int ids[sizeof(kSuites) / sizeof(kSuites[0]) + 1] = {};
    List() {
      size_t n = 0;
      for (const auto& s : kSuites)
        if (s.implemented) ids[n++] = s.id;
    }
  };
  static const List list;  // built once, thread-safe (C++11 static initialisation)
  return list.ids;
}

}  // namespace ember::compat

extern "C" {

const char* mbedtls_ssl_get_ciphersuite_name(const int ciphersuite_id) noexcept {
  const char* n = ember::compat::suite_name(ciphersuite_id);
  return n == nullptr ? "unknown" : n;
}

int mbedtls_ssl_get_ciphersuite_id(const char* ciphersuite_name) noexcept {
  if (ciphersuite_name == nullptr) return 0;
  for (const auto& s : ember::compat::kSuites)
    if (std::strcmp(s.name, ciphersuite_name) == 0) return s.id;
  return 0;
}

const int* mbedtls_ssl_list_ciphersuites(void) noexcept {
  return ember::compat::default_suites();
}

}  // extern "C"
