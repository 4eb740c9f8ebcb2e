// Ciphersuite names (ssl_ciphersuites.h): the 207 suites Mbed TLS 2.28 names, in its
// preference order, with whether embertls implements them, plus the TLS 1.3 suites under their
// Mbed TLS 3.x names.
#include "compat.hpp"

namespace ember::compat {
namespace {

struct Suite {
  int id;
  const char* name;
  bool implemented;
};

// TLS 1.3 first (embertls' default order), then Mbed TLS 2.28's ciphersuite_preference order.
constexpr Suite kSuites[] = {
    {0x1302, "TLS1-3-AES-256-GCM-SHA384", true},
    {0x1303, "TLS1-3-CHACHA20-POLY1305-SHA256", true},
    {0x1301, "TLS1-3-AES-128-GCM-SHA256", true},
    {0x1304, "TLS1-3-AES-128-CCM-SHA256", true},
    {0x1305, "TLS1-3-AES-128-CCM-8-SHA256", true},
    {0xCCA8, "TLS-ECDHE-RSA-WITH-CHACHA20-POLY1305-SHA256", true},
    {0xCCA9, "TLS-ECDHE-ECDSA-WITH-CHACHA20-POLY1305-SHA256", true},
    {0xCCAA, "TLS-DHE-RSA-WITH-CHACHA20-POLY1305-SHA256", true},
    {0xC02C, "TLS-ECDHE-ECDSA-WITH-AES-256-GCM-SHA384", true},
    {0xC030, "TLS-ECDHE-RSA-WITH-AES-256-GCM-SHA384", true},
    {0x009F, "TLS-DHE-RSA-WITH-AES-256-GCM-SHA384", true},
    {0xC0AD, "TLS-ECDHE-ECDSA-WITH-AES-256-CCM", true},
    {0xC09F, "TLS-DHE-RSA-WITH-AES-256-CCM", true},
    {0xC024, "TLS-ECDHE-ECDSA-WITH-AES-256-CBC-SHA384", true},
    {0xC028, "TLS-ECDHE-RSA-WITH-AES-256-CBC-SHA384", true},
    {0x006B, "TLS-DHE-RSA-WITH-AES-256-CBC-SHA256", true},
    {0xC00A, "TLS-ECDHE-ECDSA-WITH-AES-256-CBC-SHA", true},
    {0xC014, "TLS-ECDHE-RSA-WITH-AES-256-CBC-SHA", true},
    {0x0039, "TLS-DHE-RSA-WITH-AES-256-CBC-SHA", true},
    {0xC0AF, "TLS-ECDHE-ECDSA-WITH-AES-256-CCM-8", true},
    {0xC0A3, "TLS-DHE-RSA-WITH-AES-256-CCM-8", true},
    {0xC087, "TLS-ECDHE-ECDSA-WITH-CAMELLIA-256-GCM-SHA384", false},
    {0xC08B, "TLS-ECDHE-RSA-WITH-CAMELLIA-256-GCM-SHA384", false},
    {0xC07D, "TLS-DHE-RSA-WITH-CAMELLIA-256-GCM-SHA384", false},
    {0xC073, "TLS-ECDHE-ECDSA-WITH-CAMELLIA-256-CBC-SHA384", true},
    {0xC077, "TLS-ECDHE-RSA-WITH-CAMELLIA-256-CBC-SHA384", true},
    {0x00C4, "TLS-DHE-RSA-WITH-CAMELLIA-256-CBC-SHA256", true},
    {0x0088, "TLS-DHE-RSA-WITH-CAMELLIA-256-CBC-SHA", false},
    {0xC05D, "TLS-ECDHE-ECDSA-WITH-ARIA-256-GCM-SHA384", true},
    {0xC061, "TLS-ECDHE-RSA-WITH-ARIA-256-GCM-SHA384", true},
    {0xC053, "TLS-DHE-RSA-WITH-ARIA-256-GCM-SHA384", true},
    {0xC049, "TLS-ECDHE-ECDSA-WITH-ARIA-256-CBC-SHA384", true},
    {0xC04D, "TLS-ECDHE-RSA-WITH-ARIA-256-CBC-SHA384", true},
    {0xC045, "TLS-DHE-RSA-WITH-ARIA-256-CBC-SHA384", true},
    {0xC02B, "TLS-ECDHE-ECDSA-WITH-AES-128-GCM-SHA256", true},
    {0xC02F, "TLS-ECDHE-RSA-WITH-AES-128-GCM-SHA256", true},
    {0x009E, "TLS-DHE-RSA-WITH-AES-128-GCM-SHA256", true},
    {0xC0AC, "TLS-ECDHE-ECDSA-WITH-AES-128-CCM", true},
    {0xC09E, "TLS-DHE-RSA-WITH-AES-128-CCM", true},
    {0xC023, "TLS-ECDHE-ECDSA-WITH-AES-128-CBC-SHA256", true},
    {0xC027, "TLS-ECDHE-RSA-WITH-AES-128-CBC-SHA256", true},
    {0x0067, "TLS-DHE-RSA-WITH-AES-128-CBC-SHA256", true},
    {0xC009, "TLS-ECDHE-ECDSA-WITH-AES-128-CBC-SHA", true},
    {0xC013, "TLS-ECDHE-RSA-WITH-AES-128-CBC-SHA", true},
    {0x0033, "TLS-DHE-RSA-WITH-AES-128-CBC-SHA", true},
    {0xC0AE, "TLS-ECDHE-ECDSA-WITH-AES-128-CCM-8", true},
    {0xC0A2, "TLS-DHE-RSA-WITH-AES-128-CCM-8", true},
    {0xC086, "TLS-ECDHE-ECDSA-WITH-CAMELLIA-128-GCM-SHA256", false},
    {0xC08A, "TLS-ECDHE-RSA-WITH-CAMELLIA-128-GCM-SHA256", false},
    {0xC07C, "TLS-DHE-RSA-WITH-CAMELLIA-128-GCM-SHA256", false},
    {0xC072, "TLS-ECDHE-ECDSA-WITH-CAMELLIA-128-CBC-SHA256", true},
    {0xC076, "TLS-ECDHE-RSA-WITH-CAMELLIA-128-CBC-SHA256", true},
    {0x00BE, "TLS-DHE-RSA-WITH-CAMELLIA-128-CBC-SHA256", true},
    {0x0045, "TLS-DHE-RSA-WITH-CAMELLIA-128-CBC-SHA", false},
    {0xC05C, "TLS-ECDHE-ECDSA-WITH-ARIA-128-GCM-SHA256", true},
    {0xC060, "TLS-ECDHE-RSA-WITH-ARIA-128-GCM-SHA256", true},
    {0xC052, "TLS-DHE-RSA-WITH-ARIA-128-GCM-SHA256", true},
    {0xC048, "TLS-ECDHE-ECDSA-WITH-ARIA-128-CBC-SHA256", true},
    {0xC04C, "TLS-ECDHE-RSA-WITH-ARIA-128-CBC-SHA256", true},
    {0xC044, "TLS-DHE-RSA-WITH-ARIA-128-CBC-SHA256", true},
    {0xCCAC, "TLS-ECDHE-PSK-WITH-CHACHA20-POLY1305-SHA256", true},
    {0xCCAD, "TLS-DHE-PSK-WITH-CHACHA20-POLY1305-SHA256", true},
    {0x00AB, "TLS-DHE-PSK-WITH-AES-256-GCM-SHA384", true},
    {0xC0A7, "TLS-DHE-PSK-WITH-AES-256-CCM", true},
    {0xC038, "TLS-ECDHE-PSK-WITH-AES-256-CBC-SHA384", true},
    {0x00B3, "TLS-DHE-PSK-WITH-AES-256-CBC-SHA384", true},
    {0xC036, "TLS-ECDHE-PSK-WITH-AES-256-CBC-SHA", true},
    {0x0091, "TLS-DHE-PSK-WITH-AES-256-CBC-SHA", true},
    {0xC091, "TLS-DHE-PSK-WITH-CAMELLIA-256-GCM-SHA384", false},
    {0xC09B, "TLS-ECDHE-PSK-WITH-CAMELLIA-256-CBC-SHA384", true},
    {0xC097, "TLS-DHE-PSK-WITH-CAMELLIA-256-CBC-SHA384", false},
    {0xC0AB, "TLS-DHE-PSK-WITH-AES-256-CCM-8", false},
    {0xC06D, "TLS-DHE-PSK-WITH-ARIA-256-GCM-SHA384", true},
    {0xC071, "TLS-ECDHE-PSK-WITH-ARIA-256-CBC-SHA384", true},
    {0xC067, "TLS-DHE-PSK-WITH-ARIA-256-CBC-SHA384", false},
    {0x00AA, "TLS-DHE-PSK-WITH-AES-128-GCM-SHA256", true},
    {0xC0A6, "TLS-DHE-PSK-WITH-AES-128-CCM", true},
    {0xC037, "TLS-ECDHE-PSK-WITH-AES-128-CBC-SHA256", true},
    {0x00B2, "TLS-DHE-PSK-WITH-AES-128-CBC-SHA256", true},
    {0xC035, "TLS-ECDHE-PSK-WITH-AES-128-CBC-SHA", true},
    {0x0090, "TLS-DHE-PSK-WITH-AES-128-CBC-SHA", true},
    {0xC090, "TLS-DHE-PSK-WITH-CAMELLIA-128-GCM-SHA256", false},
    {0xC096, "TLS-DHE-PSK-WITH-CAMELLIA-128-CBC-SHA256", false},
    {0xC09A, "TLS-ECDHE-PSK-WITH-CAMELLIA-128-CBC-SHA256", true},
    {0xC0AA, "TLS-DHE-PSK-WITH-AES-128-CCM-8", false},
    {0xC06C, "TLS-DHE-PSK-WITH-ARIA-128-GCM-SHA256", true},
    {0xC070, "TLS-ECDHE-PSK-WITH-ARIA-128-CBC-SHA256", true},
    {0xC066, "TLS-DHE-PSK-WITH-ARIA-128-CBC-SHA256", false},
    {0xC0FF, "TLS-ECJPAKE-WITH-AES-128-CCM-8", false},
    {0x009D, "TLS-RSA-WITH-AES-256-GCM-SHA384", true},
    {0xC09D, "TLS-RSA-WITH-AES-256-CCM", true},
    {0x003D, "TLS-RSA-WITH-AES-256-CBC-SHA256", true},
    {0x0035, "TLS-RSA-WITH-AES-256-CBC-SHA", true},
    {0xC032, "TLS-ECDH-RSA-WITH-AES-256-GCM-SHA384", false},
    {0xC02A, "TLS-ECDH-RSA-WITH-AES-256-CBC-SHA384", false},
    {0xC00F, "TLS-ECDH-RSA-WITH-AES-256-CBC-SHA", false},
    {0xC02E, "TLS-ECDH-ECDSA-WITH-AES-256-GCM-SHA384", false},
    {0xC026, "TLS-ECDH-ECDSA-WITH-AES-256-CBC-SHA384", false},
    {0xC005, "TLS-ECDH-ECDSA-WITH-AES-256-CBC-SHA", false},
    {0xC0A1, "TLS-RSA-WITH-AES-256-CCM-8", true},
    {0xC07B, "TLS-RSA-WITH-CAMELLIA-256-GCM-SHA384", false},
    {0x00C0, "TLS-RSA-WITH-CAMELLIA-256-CBC-SHA256", true},
    {0x0084, "TLS-RSA-WITH-CAMELLIA-256-CBC-SHA", false},
    {0xC08D, "TLS-ECDH-RSA-WITH-CAMELLIA-256-GCM-SHA384", false},
    {0xC079, "TLS-ECDH-RSA-WITH-CAMELLIA-256-CBC-SHA384", false},
    {0xC089, "TLS-ECDH-ECDSA-WITH-CAMELLIA-256-GCM-SHA384", false},
    {0xC075, "TLS-ECDH-ECDSA-WITH-CAMELLIA-256-CBC-SHA384", false},
    {0xC05F, "TLS-ECDH-ECDSA-WITH-ARIA-256-GCM-SHA384", false},
    {0xC063, "TLS-ECDH-RSA-WITH-ARIA-256-GCM-SHA384", false},
    {0xC051, "TLS-RSA-WITH-ARIA-256-GCM-SHA384", true},
    {0xC04B, "TLS-ECDH-ECDSA-WITH-ARIA-256-CBC-SHA384", false},
    {0xC04F, "TLS-ECDH-RSA-WITH-ARIA-256-CBC-SHA384", false},
    {0xC03D, "TLS-RSA-WITH-ARIA-256-CBC-SHA384", true},
    {0x009C, "TLS-RSA-WITH-AES-128-GCM-SHA256", true},
    {0xC09C, "TLS-RSA-WITH-AES-128-CCM", true},
    {0x003C, "TLS-RSA-WITH-AES-128-CBC-SHA256", true},
    {0x002F, "TLS-RSA-WITH-AES-128-CBC-SHA", true},
    {0xC031, "TLS-ECDH-RSA-WITH-AES-128-GCM-SHA256", false},
    {0xC029, "TLS-ECDH-RSA-WITH-AES-128-CBC-SHA256", false},
    {0xC00E, "TLS-ECDH-RSA-WITH-AES-128-CBC-SHA", false},
    {0xC02D, "TLS-ECDH-ECDSA-WITH-AES-128-GCM-SHA256", false},
    {0xC025, "TLS-ECDH-ECDSA-WITH-AES-128-CBC-SHA256", false},
    {0xC004, "TLS-ECDH-ECDSA-WITH-AES-128-CBC-SHA", false},
    {0xC0A0, "TLS-RSA-WITH-AES-128-CCM-8", true},
    {0xC07A, "TLS-RSA-WITH-CAMELLIA-128-GCM-SHA256", false},
    {0x00BA, "TLS-RSA-WITH-CAMELLIA-128-CBC-SHA256", true},
    {0x0041, "TLS-RSA-WITH-CAMELLIA-128-CBC-SHA", false},
    {0xC08C, "TLS-ECDH-RSA-WITH-CAMELLIA-128-GCM-SHA256", false},
    {0xC078, "TLS-ECDH-RSA-WITH-CAMELLIA-128-CBC-SHA256", false},
    {0xC088, "TLS-ECDH-ECDSA-WITH-CAMELLIA-128-GCM-SHA256", false},
    {0xC074, "TLS-ECDH-ECDSA-WITH-CAMELLIA-128-CBC-SHA256", false},
    {0xC05E, "TLS-ECDH-ECDSA-WITH-ARIA-128-GCM-SHA256", false},
    {0xC062, "TLS-ECDH-RSA-WITH-ARIA-128-GCM-SHA256", false},
    {0xC050, "TLS-RSA-WITH-ARIA-128-GCM-SHA256", true},
    {0xC04A, "TLS-ECDH-ECDSA-WITH-ARIA-128-CBC-SHA256", false},
    {0xC04E, "TLS-ECDH-RSA-WITH-ARIA-128-CBC-SHA256", false},
    {0xC03C, "TLS-RSA-WITH-ARIA-128-CBC-SHA256", true},
    {0xCCAE, "TLS-RSA-PSK-WITH-CHACHA20-POLY1305-SHA256", true},
    {0x00AD, "TLS-RSA-PSK-WITH-AES-256-GCM-SHA384", true},
    {0x00B7, "TLS-RSA-PSK-WITH-AES-256-CBC-SHA384", true},
    {0x0095, "TLS-RSA-PSK-WITH-AES-256-CBC-SHA", true},
    {0xC093, "TLS-RSA-PSK-WITH-CAMELLIA-256-GCM-SHA384", false},
    {0xC099, "TLS-RSA-PSK-WITH-CAMELLIA-256-CBC-SHA384", false},
    {0xC06F, "TLS-RSA-PSK-WITH-ARIA-256-GCM-SHA384", true},
    {0xC069, "TLS-RSA-PSK-WITH-ARIA-256-CBC-SHA384", false},
    {0x00AC, "TLS-RSA-PSK-WITH-AES-128-GCM-SHA256", true},
    {0x00B6, "TLS-RSA-PSK-WITH-AES-128-CBC-SHA256", true},
    {0x0094, "TLS-RSA-PSK-WITH-AES-128-CBC-SHA", true},
    {0xC092, "TLS-RSA-PSK-WITH-CAMELLIA-128-GCM-SHA256", false},
    {0xC098, "TLS-RSA-PSK-WITH-CAMELLIA-128-CBC-SHA256", false},
    {0xC06E, "TLS-RSA-PSK-WITH-ARIA-128-GCM-SHA256", true},
    {0xC068, "TLS-RSA-PSK-WITH-ARIA-128-CBC-SHA256", false},
    {0xCCAB, "TLS-PSK-WITH-CHACHA20-POLY1305-SHA256", true},
    {0x00A9, "TLS-PSK-WITH-AES-256-GCM-SHA384", true},
    {0xC0A5, "TLS-PSK-WITH-AES-256-CCM", true},
    {0x00AF, "TLS-PSK-WITH-AES-256-CBC-SHA384", true},
    {0x008D, "TLS-PSK-WITH-AES-256-CBC-SHA", true},
    {0xC08F, "TLS-PSK-WITH-CAMELLIA-256-GCM-SHA384", false},
    {0xC095, "TLS-PSK-WITH-CAMELLIA-256-CBC-SHA384", true},
    {0xC0A9, "TLS-PSK-WITH-AES-256-CCM-8", true},
    {0xC06B, "TLS-PSK-WITH-ARIA-256-GCM-SHA384", true},
    {0xC065, "TLS-PSK-WITH-ARIA-256-CBC-SHA384", true},
    {0x00A8, "TLS-PSK-WITH-AES-128-GCM-SHA256", true},
    {0xC0A4, "TLS-PSK-WITH-AES-128-CCM", true},
    {0x00AE, "TLS-PSK-WITH-AES-128-CBC-SHA256", true},
    {0x008C, "TLS-PSK-WITH-AES-128-CBC-SHA", true},
    {0xC08E, "TLS-PSK-WITH-CAMELLIA-128-GCM-SHA256", false},
    {0xC094, "TLS-PSK-WITH-CAMELLIA-128-CBC-SHA256", true},
    {0xC0A8, "TLS-PSK-WITH-AES-128-CCM-8", true},
    {0xC06A, "TLS-PSK-WITH-ARIA-128-GCM-SHA256", true},
    {0xC064, "TLS-PSK-WITH-ARIA-128-CBC-SHA256", true},
    {0xC008, "TLS-ECDHE-ECDSA-WITH-3DES-EDE-CBC-SHA", false},
    {0xC012, "TLS-ECDHE-RSA-WITH-3DES-EDE-CBC-SHA", false},
    {0x0016, "TLS-DHE-RSA-WITH-3DES-EDE-CBC-SHA", false},
    {0xC034, "TLS-ECDHE-PSK-WITH-3DES-EDE-CBC-SHA", false},
    {0x008F, "TLS-DHE-PSK-WITH-3DES-EDE-CBC-SHA", false},
    {0x000A, "TLS-RSA-WITH-3DES-EDE-CBC-SHA", false},
    {0xC00D, "TLS-ECDH-RSA-WITH-3DES-EDE-CBC-SHA", false},
    {0xC003, "TLS-ECDH-ECDSA-WITH-3DES-EDE-CBC-SHA", false},
    {0x0093, "TLS-RSA-PSK-WITH-3DES-EDE-CBC-SHA", false},
    {0x008B, "TLS-PSK-WITH-3DES-EDE-CBC-SHA", false},
    {0xC007, "TLS-ECDHE-ECDSA-WITH-RC4-128-SHA", false},
    {0xC011, "TLS-ECDHE-RSA-WITH-RC4-128-SHA", false},
    {0xC033, "TLS-ECDHE-PSK-WITH-RC4-128-SHA", false},
    {0x008E, "TLS-DHE-PSK-WITH-RC4-128-SHA", false},
    {0x0005, "TLS-RSA-WITH-RC4-128-SHA", false},
    {0x0004, "TLS-RSA-WITH-RC4-128-MD5", false},
    {0xC00C, "TLS-ECDH-RSA-WITH-RC4-128-SHA", false},
    {0xC002, "TLS-ECDH-ECDSA-WITH-RC4-128-SHA", false},
    {0x0092, "TLS-RSA-PSK-WITH-RC4-128-SHA", false},
    {0x008A, "TLS-PSK-WITH-RC4-128-SHA", false},
    {0x0015, "TLS-DHE-RSA-WITH-DES-CBC-SHA", false},
    {0x0009, "TLS-RSA-WITH-DES-CBC-SHA", false},
    {0xC006, "TLS-ECDHE-ECDSA-WITH-NULL-SHA", false},
    {0xC010, "TLS-ECDHE-RSA-WITH-NULL-SHA", false},
    {0xC03B, "TLS-ECDHE-PSK-WITH-NULL-SHA384", false},
    {0xC03A, "TLS-ECDHE-PSK-WITH-NULL-SHA256", false},
    {0xC039, "TLS-ECDHE-PSK-WITH-NULL-SHA", false},
    {0x00B5, "TLS-DHE-PSK-WITH-NULL-SHA384", false},
    {0x00B4, "TLS-DHE-PSK-WITH-NULL-SHA256", false},
    {0x002D, "TLS-DHE-PSK-WITH-NULL-SHA", false},
    {0x003B, "TLS-RSA-WITH-NULL-SHA256", false},
    {0x0002, "TLS-RSA-WITH-NULL-SHA", false},
    {0x0001, "TLS-RSA-WITH-NULL-MD5", false},
    {0xC00B, "TLS-ECDH-RSA-WITH-NULL-SHA", false},
    {0xC001, "TLS-ECDH-ECDSA-WITH-NULL-SHA", false},
    {0x00B9, "TLS-RSA-PSK-WITH-NULL-SHA384", false},
    {0x00B8, "TLS-RSA-PSK-WITH-NULL-SHA256", false},
    {0x002E, "TLS-RSA-PSK-WITH-NULL-SHA", false},
    {0x00B1, "TLS-PSK-WITH-NULL-SHA384", false},
    {0x00B0, "TLS-PSK-WITH-NULL-SHA256", false},
    {0x002C, "TLS-PSK-WITH-NULL-SHA", false},
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
