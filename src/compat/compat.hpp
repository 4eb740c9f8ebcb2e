// Internals of the Mbed TLS 2.28 C API facade (src/compat/): the C structs of include/mbedtls/
// hold a pointer (`ember_impl`) to the objects declared here. Thin wrappers only: no protocol
// logic, every C entry point noexcept, errors through the one table in errors.cpp.
#pragma once

#include <cstdint>
#include <cstring>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "ember/core/error.hpp"
#include "ember/rng/ctr_drbg.hpp"
#include "ember/tls/config.hpp"
#include "ember/tls/connection.hpp"
#include "ember/tls/session_cache.hpp"
#include "ember/tls/tickets.hpp"
#include "ember/x509/certificate.hpp"
#include "ember/x509/crl.hpp"
#include "mbedtls/ctr_drbg.h"
#include "mbedtls/entropy.h"
#include "mbedtls/pk.h"
#include "mbedtls/ssl.h"
#include "mbedtls/ssl_cache.h"
#include "mbedtls/ssl_ticket.h"
#include "mbedtls/x509_crl.h"
#include "mbedtls/x509_crt.h"

namespace ember::compat {

// Which module's codes a caller reports (the same ember::Error is an X509 code from
// mbedtls_x509_crt_parse and a PK code from mbedtls_pk_parse_key).
enum class Module : uint8_t { ssl, x509, pk, rng };

// The one table from ember::Error to MBEDTLS_ERR_* (errors.cpp). 0 for Error::ok.
int to_mbedtls(Error e, Module m) noexcept;

// Writes text into a C buffer the way Mbed TLS's *_gets / *_info functions do: the length
// written, or MBEDTLS_ERR_X509_BUFFER_TOO_SMALL when it does not fit (buf then holds a
// truncated, NUL-terminated prefix).
int write_text(char* buf, size_t size, const std::string& text) noexcept;

// --- x509 (x509.cpp) ---
struct CrtNode {
  x509::CertPtr cert;
  std::vector<mbedtls_x509_name> names;  // subject and issuer entries after the first ones
};
// The parsed certificate of a chain node (nullptr for an empty head).
const x509::CertPtr* crt_of(const mbedtls_x509_crt* crt) noexcept;
// Fills a zeroed node from a certificate.
int fill_crt(mbedtls_x509_crt* crt, x509::CertPtr cert) noexcept;
// Appends a certificate to a chain (the empty head first, then library-allocated nodes).
int append_cert(mbedtls_x509_crt* chain, x509::CertPtr cert) noexcept;
const x509::CrlPtr* crl_of(const mbedtls_x509_crl* crl) noexcept;

// --- pk (pk.cpp) ---
struct PkKey {
  std::shared_ptr<const crypto::PrivateKey> priv;  // private keys (mbedtls_pk_parse_key)
  x509::CertPtr owner;                             // public keys of certificates
  const crypto::PublicKey* pub = nullptr;
};
const PkKey* pk_of(const mbedtls_pk_context* pk) noexcept;
// Wraps the public key of a certificate (crt->pk).
void pk_set_public(mbedtls_pk_context* pk, x509::CertPtr owner) noexcept;

// --- ciphersuites (ciphersuites.cpp) ---
const char* suite_name(int id) noexcept;  // nullptr when unknown
const int* default_suites() noexcept;     // implemented suites, preference order, 0-terminated

// --- ssl configuration (ssl_config.cpp) ---
struct OwnCert {
  const mbedtls_x509_crt* chain;
  const mbedtls_pk_context* key;
};
struct ConfigImpl {
  tls::Config cfg;
  std::vector<OwnCert> own_certs;
  uint32_t read_timeout_ms = 0;
  bool bad_version = false;  // a refused version was asked for
  // Server tickets: only when mbedtls_ssl_conf_session_tickets_cb gave our ticket functions
  // (cfg.ticket_keys then holds the context's keys), as 2.28 sends none without callbacks.
  bool server_tickets = false;
  int (*f_vrfy)(void*, mbedtls_x509_crt*, int, uint32_t*) = nullptr;  // mbedtls_ssl_conf_verify
  void* p_vrfy = nullptr;
  int (*f_psk)(void*, mbedtls_ssl_context*, const unsigned char*, size_t) = nullptr;
  void* p_psk = nullptr;
  uint64_t generation = 1;  // bumped by every setter
  std::mutex frozen_lock;
  std::shared_ptr<const tls::Config> frozen;
  uint64_t frozen_generation = 0;
};
ConfigImpl* config_impl(mbedtls_ssl_config* conf) noexcept;  // creates it on first use
// The frozen C++ configuration for a handshake starting now (rebuilt when the C
// configuration changed), or an MBEDTLS_ERR_* code.
int freeze_config(const mbedtls_ssl_config* conf, std::shared_ptr<const tls::Config>& out,
                  bool check_host_name) noexcept;

// --- sessions (session.cpp) ---
// Replaces the resumable state of a C session with a copy of state (nullptr/0 clears it).
int session_set_state(mbedtls_ssl_session* session, ByteView state) noexcept;
// The SessionCache of an mbedtls_ssl_cache_context, the TicketKeys of an
// mbedtls_ssl_ticket_context (nullptr when not set up).
std::shared_ptr<tls::SessionCache> cache_of(void* p_cache) noexcept;
std::shared_ptr<tls::TicketKeys> ticket_keys_of(void* p_ticket, uint32_t* lifetime) noexcept;

}  // namespace ember::compat
