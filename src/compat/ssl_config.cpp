// mbedtls_ssl_config over ember::tls::Config. The C struct's public fields hold the settings
// programs may read; ConfigImpl holds the rest. A frozen tls::Config is built when a
// connection starts and reused while the C configuration has not changed (generation).
#include <atomic>
#include <new>

#include "compat.hpp"

namespace ember::compat {

extern std::atomic<int> g_debug_threshold;

namespace {

// The f_rng callback as the core's randomness source.
class CallbackRng final : public Rng {
 public:
  CallbackRng(int (*f)(void*, unsigned char*, size_t), void* p) : f_(f), p_(p) {}
  Status fill(MutableByteView out) override {
    // Requests of at most 1024 bytes: the CTR_DRBG's limit (MBEDTLS_CTR_DRBG_MAX_REQUEST).
    while (!out.empty()) {
      size_t n = out.size() < 1024 ? out.size() : 1024;
      if (f_(p_, out.data(), n) != 0) return Error::entropy_failure;
      out = out.subspan(n);
    }
    return {};
  }

 private:
  int (*f_)(void*, unsigned char*, size_t);
  void* p_;
};

// Mbed TLS minor version -> tls::Version (nullopt: refused or unknown).
std::optional<tls::Version> version_of(int major, int minor) {
  if (major != MBEDTLS_SSL_MAJOR_VERSION_3) return std::nullopt;
  if (minor == MBEDTLS_SSL_MINOR_VERSION_3) return tls::Version::tls12;
  if (minor == MBEDTLS_SSL_MINOR_VERSION_4) return tls::Version::tls13;
  return std::nullopt;
}

void touch(mbedtls_ssl_config* conf) {
  if (ConfigImpl* impl = config_impl(conf)) ++impl->generation;
}

// Suite B (RFC 6460): ECDHE-ECDSA with AES-GCM, P-256/P-384, SHA-256/384.
constexpr int kSuiteB[] = {0x1302, 0x1301, 0xC02C, 0xC02B, 0};

}  // namespace

ConfigImpl* config_impl(mbedtls_ssl_config* conf) noexcept {
  if (conf == nullptr) return nullptr;
  if (conf->ember_impl == nullptr) conf->ember_impl = new (std::nothrow) ConfigImpl();
  return static_cast<ConfigImpl*>(conf->ember_impl);
}

int freeze_config(const mbedtls_ssl_config* cconf, std::shared_ptr<const tls::Config>& out,
                  bool check_host_name) noexcept {
  auto* conf = const_cast<mbedtls_ssl_config*>(cconf);  // the builder is ours, not the caller's
  ConfigImpl* impl = config_impl(conf);
  if (impl == nullptr) return MBEDTLS_ERR_SSL_ALLOC_FAILED;
  if (conf->transport != MBEDTLS_SSL_TRANSPORT_STREAM) return MBEDTLS_ERR_SSL_FEATURE_UNAVAILABLE;
  if (impl->bad_version) return MBEDTLS_ERR_SSL_BAD_INPUT_DATA;
  if (conf->f_rng == nullptr) return MBEDTLS_ERR_SSL_NO_RNG;
  std::lock_guard<std::mutex> g(impl->frozen_lock);
  if (impl->frozen && impl->frozen_generation == impl->generation &&
      impl->frozen->check_host_name == check_host_name) {
    out = impl->frozen;
    return 0;
  }
  auto min = version_of(conf->min_major_ver, conf->min_minor_ver);
  auto max = version_of(conf->max_major_ver, conf->max_minor_ver);
  if (!min || !max || *min > *max) return MBEDTLS_ERR_SSL_BAD_INPUT_DATA;
  auto c = std::make_shared<tls::Config>(impl->cfg);
  c->role = conf->endpoint == MBEDTLS_SSL_IS_SERVER ? tls::Role::server : tls::Role::client;
  c->min_version = *min;
  c->max_version = *max;
  int authmode = conf->authmode;
  if (authmode == MBEDTLS_SSL_VERIFY_UNSET)
    authmode = conf->endpoint == MBEDTLS_SSL_IS_SERVER ? MBEDTLS_SSL_VERIFY_NONE
                                                       : MBEDTLS_SSL_VERIFY_REQUIRED;
  c->verify = authmode == MBEDTLS_SSL_VERIFY_NONE       ? tls::VerifyMode::none
              : authmode == MBEDTLS_SSL_VERIFY_OPTIONAL ? tls::VerifyMode::optional
                                                        : tls::VerifyMode::required;
  c->check_host_name = check_host_name;
  if (c->role == tls::Role::server) c->tickets = impl->server_tickets && c->ticket_keys;
  c->rng = std::make_shared<CallbackRng>(conf->f_rng, conf->p_rng);
  if (conf->f_dbg != nullptr) {
    auto f = conf->f_dbg;
    void* p = conf->p_dbg;
    c->debug_level = g_debug_threshold.load(std::memory_order_relaxed);
    c->debug = [f, p](int level, std::string_view text) {
      if (level > g_debug_threshold.load(std::memory_order_relaxed)) return;
      std::string line(text);
      line += '\n';
      f(p, level, "embertls", 0, line.c_str());
    };
  }
  auto trust = std::make_shared<x509::TrustStore>();
  for (const mbedtls_x509_crt* n = conf->ca_chain; n != nullptr; n = n->next)
    if (const x509::CertPtr* cert = crt_of(n)) trust->add(*cert);
  for (const mbedtls_x509_crl* n = conf->ca_crl; n != nullptr; n = n->next)
    if (const x509::CrlPtr* crl = crl_of(n)) trust->add_crl(*crl);
  c->trust = trust.get();
  c->trust_owner = std::move(trust);
  const int* suites = conf->ciphersuite_list != nullptr ? conf->ciphersuite_list : default_suites();
  c->cipher_suites.clear();
  for (const int* s = suites; *s != 0; ++s) c->cipher_suites.push_back(static_cast<uint16_t>(*s));
  c->alpn.clear();
  if (conf->alpn_list != nullptr)
    for (const char** a = conf->alpn_list; *a != nullptr; ++a) c->alpn.emplace_back(*a);
  c->certificates.clear();
  for (const OwnCert& oc : impl->own_certs) {
    tls::CertifiedKey ck;
    for (const mbedtls_x509_crt* n = oc.chain; n != nullptr; n = n->next)
      if (const x509::CertPtr* cert = crt_of(n)) ck.chain.push_back(*cert);
    const PkKey* key = pk_of(oc.key);
    if (key == nullptr || !key->priv) return MBEDTLS_ERR_SSL_PRIVATE_KEY_REQUIRED;
    ck.key = key->priv;
    if (!c->add_certificate(std::move(ck))) return MBEDTLS_ERR_SSL_BAD_CONFIG;
  }
  impl->frozen = c;
  impl->frozen_generation = impl->generation;
  out = std::move(c);
  return 0;
}

}  // namespace ember::compat

using ember::compat::config_impl;
using ember::compat::ConfigImpl;
using ember::compat::touch;

extern "C" {

void mbedtls_ssl_config_init(mbedtls_ssl_config* conf) noexcept {
  if (conf == nullptr) return;
  std::memset(conf, 0, sizeof *conf);
  conf->authmode = MBEDTLS_SSL_VERIFY_UNSET;
  conf->max_major_ver = conf->min_major_ver = MBEDTLS_SSL_MAJOR_VERSION_3;
  conf->max_minor_ver = MBEDTLS_SSL_MINOR_VERSION_4;
  conf->min_minor_ver = MBEDTLS_SSL_MINOR_VERSION_3;
}

int mbedtls_ssl_config_defaults(mbedtls_ssl_config* conf, int endpoint, int transport,
                                int preset) noexcept {
  if (conf == nullptr) return MBEDTLS_ERR_SSL_BAD_INPUT_DATA;
  if (endpoint != MBEDTLS_SSL_IS_CLIENT && endpoint != MBEDTLS_SSL_IS_SERVER)
    return MBEDTLS_ERR_SSL_BAD_INPUT_DATA;
  if (transport == MBEDTLS_SSL_TRANSPORT_DATAGRAM) return MBEDTLS_ERR_SSL_FEATURE_UNAVAILABLE;
  if (transport != MBEDTLS_SSL_TRANSPORT_STREAM) return MBEDTLS_ERR_SSL_BAD_INPUT_DATA;
  if (preset != MBEDTLS_SSL_PRESET_DEFAULT && preset != MBEDTLS_SSL_PRESET_SUITEB)
    return MBEDTLS_ERR_SSL_BAD_INPUT_DATA;
  ConfigImpl* impl = config_impl(conf);
  if (impl == nullptr) return MBEDTLS_ERR_SSL_ALLOC_FAILED;
  conf->endpoint = endpoint;
  conf->transport = transport;
  conf->authmode =
      endpoint == MBEDTLS_SSL_IS_CLIENT ? MBEDTLS_SSL_VERIFY_REQUIRED : MBEDTLS_SSL_VERIFY_NONE;
  conf->max_major_ver = conf->min_major_ver = MBEDTLS_SSL_MAJOR_VERSION_3;
  conf->max_minor_ver = MBEDTLS_SSL_MINOR_VERSION_4;
  conf->min_minor_ver = MBEDTLS_SSL_MINOR_VERSION_3;
  impl->cfg = ember::tls::Config{};
  impl->bad_version = false;
  if (preset == MBEDTLS_SSL_PRESET_SUITEB) {
    conf->ciphersuite_list = ember::compat::kSuiteB;
    impl->cfg.profile = ember::x509::Profile::suiteb;
    impl->cfg.groups = {ember::crypto::Group::secp256r1, ember::crypto::Group::secp384r1};
  } else {
    conf->ciphersuite_list = nullptr;
  }
  ++impl->generation;
  return 0;
}

void mbedtls_ssl_config_free(mbedtls_ssl_config* conf) noexcept {
  if (conf == nullptr) return;
  delete static_cast<ConfigImpl*>(conf->ember_impl);
  std::memset(conf, 0, sizeof *conf);
}

void mbedtls_ssl_conf_endpoint(mbedtls_ssl_config* conf, int endpoint) noexcept {
  if (conf == nullptr) return;
  conf->endpoint = endpoint;
  touch(conf);
}

void mbedtls_ssl_conf_transport(mbedtls_ssl_config* conf, int transport) noexcept {
  if (conf == nullptr) return;
  conf->transport = transport;
  touch(conf);
}

void mbedtls_ssl_conf_authmode(mbedtls_ssl_config* conf, int authmode) noexcept {
  if (conf == nullptr) return;
  conf->authmode = authmode;
  touch(conf);
}

void mbedtls_ssl_conf_rng(mbedtls_ssl_config* conf, int (*f_rng)(void*, unsigned char*, size_t),
                          void* p_rng) noexcept {
  if (conf == nullptr) return;
  conf->f_rng = f_rng;
  conf->p_rng = p_rng;
  touch(conf);
}

void mbedtls_ssl_conf_dbg(mbedtls_ssl_config* conf,
                          void (*f_dbg)(void*, int, const char*, int, const char*),
                          void* p_dbg) noexcept {
  if (conf == nullptr) return;
  conf->f_dbg = f_dbg;
  conf->p_dbg = p_dbg;
  touch(conf);
}

void mbedtls_ssl_conf_read_timeout(mbedtls_ssl_config* conf, uint32_t timeout) noexcept {
  if (ConfigImpl* impl = config_impl(conf)) impl->read_timeout_ms = timeout;
}

void mbedtls_ssl_conf_ca_chain(mbedtls_ssl_config* conf, mbedtls_x509_crt* ca_chain,
                               mbedtls_x509_crl* ca_crl) noexcept {
  if (conf == nullptr) return;
  conf->ca_chain = ca_chain;
  conf->ca_crl = ca_crl;
  touch(conf);
}

int mbedtls_ssl_conf_own_cert(mbedtls_ssl_config* conf, mbedtls_x509_crt* own_cert,
                              mbedtls_pk_context* pk_key) noexcept {
  if (conf == nullptr || own_cert == nullptr || pk_key == nullptr)
    return MBEDTLS_ERR_SSL_BAD_INPUT_DATA;
  const ember::x509::CertPtr* leaf = ember::compat::crt_of(own_cert);
  const ember::compat::PkKey* key = ember::compat::pk_of(pk_key);
  if (leaf == nullptr || key == nullptr || !key->priv) return MBEDTLS_ERR_SSL_BAD_INPUT_DATA;
  // Refused now rather than at the handshake (Mbed TLS accepts a key that does not match).
  ember::tls::CertifiedKey ck{{*leaf}, key->priv};
  if (!ck.check()) return MBEDTLS_ERR_SSL_BAD_INPUT_DATA;
  ConfigImpl* impl = config_impl(conf);
  if (impl == nullptr) return MBEDTLS_ERR_SSL_ALLOC_FAILED;
  impl->own_certs.push_back({own_cert, pk_key});
  ++impl->generation;
  return 0;
}

void mbedtls_ssl_conf_ciphersuites(mbedtls_ssl_config* conf, const int* ciphersuites) noexcept {
  if (conf == nullptr) return;
  conf->ciphersuite_list = ciphersuites;
  touch(conf);
}

void mbedtls_ssl_conf_max_version(mbedtls_ssl_config* conf, int major, int minor) noexcept {
  ConfigImpl* impl = config_impl(conf);
  if (impl == nullptr) return;
  if (!ember::compat::version_of(major, minor)) {
    impl->bad_version = true;  // SSL 3.0, TLS 1.0/1.1: refused at setup / handshake
    return;
  }
  conf->max_major_ver = static_cast<unsigned char>(major);
  conf->max_minor_ver = static_cast<unsigned char>(minor);
  ++impl->generation;
}

void mbedtls_ssl_conf_min_version(mbedtls_ssl_config* conf, int major, int minor) noexcept {
  ConfigImpl* impl = config_impl(conf);
  if (impl == nullptr) return;
  if (major == 3 && minor >= 0 && minor < 3) {
    // Programs commonly ask for TLS 1.0 as the minimum meaning "anything": TLS 1.2 is the
    // lowest version that exists here (RFC 8996), and it satisfies that request, so the
    // minimum becomes TLS 1.2. A peer that speaks only SSL 3.0 / TLS 1.0 / 1.1 still fails the
    // handshake (its protocol_version alert, or a ServerHello version we refuse).
    minor = 3;
  }
  if (!ember::compat::version_of(major, minor)) {
    impl->bad_version = true;
    return;
  }
  conf->min_major_ver = static_cast<unsigned char>(major);
  conf->min_minor_ver = static_cast<unsigned char>(minor);
  ++impl->generation;
}

int mbedtls_ssl_conf_psk(mbedtls_ssl_config* conf, const unsigned char* psk, size_t psk_len,
                         const unsigned char* psk_identity, size_t psk_identity_len) noexcept {
  if (conf == nullptr || psk == nullptr || psk_identity == nullptr || psk_len == 0 ||
      psk_identity_len == 0 || psk_len > 0xFFFF || psk_identity_len > 0xFFFF)
    return MBEDTLS_ERR_SSL_BAD_INPUT_DATA;
  ConfigImpl* impl = config_impl(conf);
  if (impl == nullptr) return MBEDTLS_ERR_SSL_ALLOC_FAILED;
  impl->cfg.psk.assign(psk, psk + psk_len);
  impl->cfg.psk_identity.assign(reinterpret_cast<const char*>(psk_identity), psk_identity_len);
  ++impl->generation;
  return 0;
}

int mbedtls_ssl_conf_alpn_protocols(mbedtls_ssl_config* conf, const char** protos) noexcept {
  if (conf == nullptr || protos == nullptr) return MBEDTLS_ERR_SSL_BAD_INPUT_DATA;
  size_t total = 0;
  for (const char** p = protos; *p != nullptr; ++p) {
    size_t len = std::strlen(*p);
    if (len == 0 || len > MBEDTLS_SSL_MAX_ALPN_NAME_LEN) return MBEDTLS_ERR_SSL_BAD_INPUT_DATA;
    total += len + 1;
    if (total > MBEDTLS_SSL_MAX_ALPN_LIST_LEN) return MBEDTLS_ERR_SSL_BAD_INPUT_DATA;
  }
  conf->alpn_list = protos;
  touch(conf);
  return 0;
}

void mbedtls_ssl_conf_session_tickets(mbedtls_ssl_config* conf, int use_tickets) noexcept {
  if (ConfigImpl* impl = config_impl(conf)) {
    impl->cfg.tickets = use_tickets == MBEDTLS_SSL_SESSION_TICKETS_ENABLED;
    ++impl->generation;
  }
}

void mbedtls_ssl_conf_session_cache(mbedtls_ssl_config* conf, void* p_cache,
                                    int (*f_get_cache)(void*, mbedtls_ssl_session*),
                                    int (*f_set_cache)(void*,
                                                       const mbedtls_ssl_session*)) noexcept {
  ConfigImpl* impl = config_impl(conf);
  if (impl == nullptr) return;
  // Only our cache is driven by the core; the callbacks of another cache have no hook in it.
  bool ours = f_get_cache == mbedtls_ssl_cache_get && f_set_cache == mbedtls_ssl_cache_set;
  impl->cfg.session_cache = ours ? ember::compat::cache_of(p_cache) : nullptr;
  ++impl->generation;
}

void mbedtls_ssl_conf_session_tickets_cb(mbedtls_ssl_config* conf,
                                         mbedtls_ssl_ticket_write_t* f_ticket_write,
                                         mbedtls_ssl_ticket_parse_t* f_ticket_parse,
                                         void* p_ticket) noexcept {
  ConfigImpl* impl = config_impl(conf);
  if (impl == nullptr) return;
  bool ours =
      f_ticket_write == mbedtls_ssl_ticket_write && f_ticket_parse == mbedtls_ssl_ticket_parse;
  uint32_t lifetime = 0;
  impl->cfg.ticket_keys = ours ? ember::compat::ticket_keys_of(p_ticket, &lifetime) : nullptr;
  impl->server_tickets = impl->cfg.ticket_keys != nullptr;
  if (impl->server_tickets) impl->cfg.ticket_lifetime_s = lifetime;
  ++impl->generation;
}

void mbedtls_ssl_conf_psk_cb(mbedtls_ssl_config* conf,
                             int (*f_psk)(void*, mbedtls_ssl_context*, const unsigned char*,
                                          size_t),
                             void* p_psk) noexcept {
  ConfigImpl* impl = config_impl(conf);
  if (impl == nullptr) return;
  impl->f_psk = f_psk;
  impl->p_psk = p_psk;
  ++impl->generation;
}

void mbedtls_ssl_conf_verify(mbedtls_ssl_config* conf,
                             int (*f_vrfy)(void*, mbedtls_x509_crt*, int, uint32_t*),
                             void* p_vrfy) noexcept {
  ConfigImpl* impl = config_impl(conf);
  if (impl == nullptr) return;
  impl->f_vrfy = f_vrfy;
  impl->p_vrfy = p_vrfy;
  ++impl->generation;
}

void mbedtls_ssl_conf_encrypt_then_mac(mbedtls_ssl_config* conf, char etm) noexcept {
  if (ConfigImpl* impl = config_impl(conf)) {
    impl->cfg.encrypt_then_mac = etm == MBEDTLS_SSL_ETM_ENABLED;
    ++impl->generation;
  }
}

void mbedtls_ssl_conf_extended_master_secret(mbedtls_ssl_config* conf, char ems) noexcept {
  if (ConfigImpl* impl = config_impl(conf)) {
    impl->cfg.extended_master_secret = ems == MBEDTLS_SSL_EXTENDED_MS_ENABLED;
    ++impl->generation;
  }
}

void mbedtls_ssl_conf_fallback(mbedtls_ssl_config* conf, char fallback) noexcept {
  if (ConfigImpl* impl = config_impl(conf)) {
    impl->cfg.fallback_scsv = fallback == MBEDTLS_SSL_IS_FALLBACK;
    ++impl->generation;
  }
}

void mbedtls_ssl_conf_renegotiation(mbedtls_ssl_config* conf, int renegotiation) noexcept {
  if (ConfigImpl* impl = config_impl(conf)) {
    impl->cfg.renegotiation = renegotiation == MBEDTLS_SSL_RENEGOTIATION_ENABLED
                                  ? ember::tls::Renegotiation::enabled
                                  : ember::tls::Renegotiation::disabled;
    // An Mbed TLS server that renegotiates also accepts a renegotiation the client starts.
    impl->cfg.client_renegotiation = renegotiation == MBEDTLS_SSL_RENEGOTIATION_ENABLED;
    ++impl->generation;
  }
}

void mbedtls_ssl_conf_legacy_renegotiation(mbedtls_ssl_config* conf, int allow_legacy) noexcept {
  if (ConfigImpl* impl = config_impl(conf)) {
    using L = ember::tls::LegacyRenegotiation;
    impl->cfg.legacy_renegotiation =
        allow_legacy == MBEDTLS_SSL_LEGACY_ALLOW_RENEGOTIATION ? L::allow_renegotiation
        : allow_legacy == MBEDTLS_SSL_LEGACY_BREAK_HANDSHAKE   ? L::break_handshake
                                                               : L::no_renegotiation;
    ++impl->generation;
  }
}

void mbedtls_ssl_conf_renegotiation_enforced(mbedtls_ssl_config* conf, int max_records) noexcept {
  if (ConfigImpl* impl = config_impl(conf)) {
    impl->cfg.renegotiation_max_records = max_records;
    ++impl->generation;
  }
}

int mbedtls_ssl_conf_max_frag_len(mbedtls_ssl_config* conf, unsigned char mfl_code) noexcept {
  if (conf == nullptr || mfl_code >= MBEDTLS_SSL_MAX_FRAG_LEN_INVALID)
    return MBEDTLS_ERR_SSL_BAD_INPUT_DATA;
  ConfigImpl* impl = config_impl(conf);
  if (impl == nullptr) return MBEDTLS_ERR_SSL_ALLOC_FAILED;
  impl->cfg.max_fragment_length = mfl_code;
  ++impl->generation;
  return 0;
}

void mbedtls_ssl_conf_cert_req_ca_list(mbedtls_ssl_config* conf, char cert_req_ca_list) noexcept {
  if (ConfigImpl* impl = config_impl(conf)) {
    impl->cfg.cert_req_ca_list = cert_req_ca_list == MBEDTLS_SSL_CERT_REQ_CA_LIST_ENABLED;
    ++impl->generation;
  }
}

void mbedtls_ssl_conf_arc4_support(mbedtls_ssl_config* conf, char arc4) noexcept {
  (void)conf;
  (void)arc4;  // RC4 never exists here (RFC 7465)
}

}  // extern "C"
