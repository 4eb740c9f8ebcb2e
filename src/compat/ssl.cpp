// mbedtls_ssl_context over the sans-IO ember::tls::Connection: the BIO callbacks feed
// input_space/commit_input and drain pending_output/consume_output; WANT_READ / WANT_WRITE
// from the callbacks come back to the caller, who calls again (nothing is lost or repeated).
#include <ctime>
#include <new>

#include "compat.hpp"
#include "ember/x509/verify.hpp"

namespace ember::compat {
namespace {

constexpr size_t kReadSize = 16384 + 2048;  // one transport read: a whole record and more

struct SslImpl {
  std::unique_ptr<tls::Connection> conn;
  std::string hostname;
  bool hostname_set = false;  // mbedtls_ssl_set_hostname was called (NULL included)
  int fatal = 0;              // the error that ended the connection (returned again)
  size_t pending_write = 0;   // bytes of a write whose records wait for the transport
  bool close_queued = false;
  bool verify_none = false;  // the configuration does not verify the peer
  bool session_filled = false;
  mbedtls_ssl_session session{};
  mbedtls_x509_crt peer_chain{};
  std::string alpn;
  Bytes resume;  // mbedtls_ssl_set_session: the state the next handshake resumes
  int (*f_vrfy)(void*, mbedtls_x509_crt*, int, uint32_t*) = nullptr;  // mbedtls_ssl_set_verify
  void* p_vrfy = nullptr;
  int vrfy_error = 0;  // what the verification callback returned, when not 0
  Secret hs_psk;       // mbedtls_ssl_set_hs_psk: this handshake's PSK (before or in the callback)
};

// The verification callback as the core's: each certificate is shown to it as a C node that
// lives for the call (the certificate itself outlives it); a non-zero return is kept, since
// the handshake ends with that code.
x509::VerifyCallback verify_callback(SslImpl* impl,
                                     int (*f_vrfy)(void*, mbedtls_x509_crt*, int, uint32_t*),
                                     void* p_vrfy) {
  return [impl, f_vrfy, p_vrfy](const x509::Certificate& c, int depth, uint32_t& flags) {
    mbedtls_x509_crt node;
    mbedtls_x509_crt_init(&node);
    if (int rc = fill_crt(&node, x509::CertPtr(x509::CertPtr(), &c)); rc != 0) {
      impl->vrfy_error = rc;
      return rc;
    }
    int rc = f_vrfy(p_vrfy, &node, depth, &flags);
    mbedtls_x509_crt_free(&node);
    if (rc != 0) impl->vrfy_error = rc;
    return rc;
  };
}

SslImpl* impl_of(const mbedtls_ssl_context* ssl) {
  return ssl == nullptr ? nullptr : static_cast<SslImpl*>(ssl->ember_impl);
}

// The verification result as Mbed TLS reports it: MBEDTLS_X509_BADCERT_SKIP_VERIFY when
// verification is off (a server that does not ask for certificates included).
uint32_t verify_flags_of(const SslImpl& impl) {
  uint32_t flags = impl.conn->info().verify_flags;
  if (flags == 0 && impl.verify_none) return x509::flag::kSkipVerify;
  return flags;
}

void clear_session(SslImpl* impl) {
  mbedtls_x509_crt_free(&impl->peer_chain);
  std::memset(&impl->session, 0, sizeof impl->session);
  impl->session_filled = false;
  impl->alpn.clear();
}

// ssl->state and, once the handshake is over, ssl->session.
void update_state(mbedtls_ssl_context* ssl, SslImpl* impl) {
  const tls::Connection& c = *impl->conn;
  if (!c.handshake_done() || c.renegotiating()) {
    ssl->state = static_cast<int>(c.handshake_state());
    return;
  }
  ssl->state = MBEDTLS_SSL_HANDSHAKE_OVER;
  if (impl->session_filled) return;
  const tls::SessionInfo& info = c.info();
  ssl->minor_ver = info.version == tls::Version::tls13 ? MBEDTLS_SSL_MINOR_VERSION_4
                                                       : MBEDTLS_SSL_MINOR_VERSION_3;
  mbedtls_ssl_session& s = impl->session;
  s.start = time(nullptr);
  s.ciphersuite = info.cipher_suite;
  s.compression = MBEDTLS_SSL_COMPRESS_NULL;
  s.verify_result = verify_flags_of(*impl);
  s.encrypt_then_mac = info.encrypt_then_mac ? 1 : 0;
  s.mfl_code = static_cast<unsigned char>(
      ssl->conf != nullptr && ssl->conf->ember_impl != nullptr
          ? static_cast<const ConfigImpl*>(ssl->conf->ember_impl)->cfg.max_fragment_length
          : 0);
  for (const auto& cert : info.peer_chain)
    if (append_cert(&impl->peer_chain, cert) != 0) break;
  s.peer_cert = impl->peer_chain.ember_impl != nullptr ? &impl->peer_chain : nullptr;
  impl->alpn = info.alpn;
  impl->session_filled = true;
  ssl->session = &impl->session;
}

// Sends what the connection has queued.
int flush(mbedtls_ssl_context* ssl, SslImpl* impl) {
  while (true) {
    ByteView out = impl->conn->pending_output();
    if (out.empty()) return 0;
    if (ssl->f_send == nullptr) return MBEDTLS_ERR_SSL_BAD_INPUT_DATA;
    int n = ssl->f_send(ssl->p_bio, out.data(), out.size());
    if (n < 0) return n;
    if (n == 0) return MBEDTLS_ERR_SSL_WANT_WRITE;  // nothing taken: try again later
    if (static_cast<size_t>(n) > out.size()) return MBEDTLS_ERR_SSL_INTERNAL_ERROR;
    impl->conn->consume_output(static_cast<size_t>(n));
  }
}

// The error that ends the connection: the queued alert goes out as far as the transport
// takes it, and the code is returned by every later call. A failed verification of the
// peer's certificate is MBEDTLS_ERR_X509_CERT_VERIFY_FAILED, as in Mbed TLS.
int fail(mbedtls_ssl_context* ssl, SslImpl* impl, Error e) {
  (void)flush(ssl, impl);
  int code = to_mbedtls(e, Module::ssl);
  uint32_t flags = impl->conn->info().verify_flags;
  bool verified_here = e == Error::bad_certificate || e == Error::unknown_ca ||
                       e == Error::certificate_expired || e == Error::certificate_revoked ||
                       e == Error::certificate_unknown || e == Error::unsupported_certificate;
  if (verified_here && flags != 0 && flags != x509::flag::kSkipVerify) {
    code = MBEDTLS_ERR_X509_CERT_VERIFY_FAILED;
    if (ssl->conf->ca_chain == nullptr && (flags & x509::flag::kNotTrusted))
      code = MBEDTLS_ERR_SSL_CA_CHAIN_REQUIRED;
  }
  if (impl->vrfy_error != 0) code = impl->vrfy_error;
  ssl->state = static_cast<int>(impl->conn->handshake_state());
  impl->fatal = code;
  return code;
}

// A call after the fatal error: the rest of the alert goes out (a non-blocking transport may
// have taken only part of it), and the error is returned again.
int failed_again(mbedtls_ssl_context* ssl, SslImpl* impl) {
  (void)flush(ssl, impl);
  return impl->fatal;
}

// One transport read into the connection.
int pull(mbedtls_ssl_context* ssl, SslImpl* impl) {
  if (ssl->f_recv == nullptr && ssl->f_recv_timeout == nullptr)
    return MBEDTLS_ERR_SSL_BAD_INPUT_DATA;
  MutableByteView space = impl->conn->input_space(kReadSize);
  int n;
  if (ssl->f_recv_timeout != nullptr) {
    const auto* cimpl = static_cast<const ConfigImpl*>(ssl->conf->ember_impl);
    uint32_t timeout = cimpl != nullptr ? cimpl->read_timeout_ms : 0;
    n = ssl->f_recv_timeout(ssl->p_bio, space.data(), space.size(), timeout);
  } else {
    n = ssl->f_recv(ssl->p_bio, space.data(), space.size());
  }
  if (n < 0) return n;
  if (n == 0) return MBEDTLS_ERR_SSL_CONN_EOF;
  if (static_cast<size_t>(n) > space.size()) return MBEDTLS_ERR_SSL_INTERNAL_ERROR;
  if (Status st = impl->conn->commit_input(static_cast<size_t>(n)); !st)
    return fail(ssl, impl, st.error());
  return 0;
}

// Creates the connection when the first handshake call comes.
int ensure_connection(mbedtls_ssl_context* ssl, SslImpl* impl) {
  if (impl->conn) return 0;
  bool check_host = !(impl->hostname_set && impl->hostname.empty());
  std::shared_ptr<const tls::Config> cfg;
  if (int rc = freeze_config(ssl->conf, cfg, check_host); rc != 0) return rc;
  const auto* cimpl = static_cast<const ConfigImpl*>(ssl->conf->ember_impl);
  auto f_vrfy = impl->f_vrfy != nullptr ? impl->f_vrfy : cimpl->f_vrfy;
  if (f_vrfy != nullptr || cimpl->f_psk != nullptr) {
    // The callbacks need this context: a configuration of its own.
    auto own = std::make_shared<tls::Config>(*cfg);
    if (f_vrfy != nullptr)
      own->verify_callback =
          verify_callback(impl, f_vrfy, impl->f_vrfy != nullptr ? impl->p_vrfy : cimpl->p_vrfy);
    if (cimpl->f_psk != nullptr) {
      auto f_psk = cimpl->f_psk;
      void* p_psk = cimpl->p_psk;
      own->psk_callback = [ssl, impl, f_psk, p_psk](std::string_view id) -> std::optional<Secret> {
        // A key set before the handshake stays unless the callback sets another (as 2.28).
        int rc = f_psk(p_psk, ssl, reinterpret_cast<const unsigned char*>(id.data()), id.size());
        if (rc != 0 || impl->hs_psk.empty()) return std::nullopt;
        return impl->hs_psk;
      };
    }
    cfg = std::move(own);
  }
  auto conn = cfg->role == tls::Role::client ? tls::Connection::client(cfg, impl->hostname)
                                             : tls::Connection::server(cfg);
  if (!conn) {
    if (conn.error() == Error::invalid_argument && cfg->role == tls::Role::server)
      return MBEDTLS_ERR_SSL_CERTIFICATE_REQUIRED;  // a server without certificate
    return to_mbedtls(conn.error(), Module::ssl);
  }
  if (!impl->resume.empty() && cfg->role == tls::Role::client)
    if (Status st = (*conn)->set_session(impl->resume); !st) return MBEDTLS_ERR_SSL_BAD_INPUT_DATA;
  impl->conn = std::move(*conn);
  impl->verify_none = cfg->verify == tls::VerifyMode::none;
  ssl->state = static_cast<int>(impl->conn->handshake_state());
  return 0;
}

// mbedtls_ssl_handshake (step = false) and mbedtls_ssl_handshake_step (step = true).
int drive_handshake(mbedtls_ssl_context* ssl, bool step) {
  SslImpl* impl = impl_of(ssl);
  if (impl == nullptr || ssl->conf == nullptr) return MBEDTLS_ERR_SSL_BAD_INPUT_DATA;
  if (impl->fatal != 0) return failed_again(ssl, impl);
  if (int rc = ensure_connection(ssl, impl); rc != 0) return rc;
  tls::Connection& c = *impl->conn;
  while (true) {
    if (int rc = flush(ssl, impl); rc != 0) return rc;
    if (c.handshake_done() && !c.renegotiating()) {
      update_state(ssl, impl);
      return 0;
    }
    Status st = step ? c.handshake_step() : c.handshake();
    update_state(ssl, impl);
    if (!st && st.error() != Error::want_read) return fail(ssl, impl, st.error());
    if (int rc = flush(ssl, impl); rc != 0) return rc;
    if (st) {
      if (step || (c.handshake_done() && !c.renegotiating())) return 0;
      continue;
    }
    if (int rc = pull(ssl, impl); rc != 0) return rc;
  }
}

}  // namespace

}  // namespace ember::compat

using ember::ByteView;
using ember::compat::drive_handshake;
using ember::compat::fail;
using ember::compat::flush;
using ember::compat::impl_of;
using ember::compat::pull;
using ember::compat::SslImpl;

extern "C" {

void mbedtls_ssl_init(mbedtls_ssl_context* ssl) noexcept {
  if (ssl != nullptr) std::memset(ssl, 0, sizeof *ssl);
}

int mbedtls_ssl_setup(mbedtls_ssl_context* ssl, const mbedtls_ssl_config* conf) noexcept {
  if (ssl == nullptr || conf == nullptr || ssl->ember_impl != nullptr)
    return MBEDTLS_ERR_SSL_BAD_INPUT_DATA;
  if (conf->transport != MBEDTLS_SSL_TRANSPORT_STREAM) return MBEDTLS_ERR_SSL_FEATURE_UNAVAILABLE;
  const auto* cimpl = static_cast<const ember::compat::ConfigImpl*>(conf->ember_impl);
  if (cimpl != nullptr && cimpl->bad_version) return MBEDTLS_ERR_SSL_BAD_INPUT_DATA;
  auto* impl = new (std::nothrow) SslImpl();
  if (impl == nullptr) return MBEDTLS_ERR_SSL_ALLOC_FAILED;
  ssl->conf = conf;
  ssl->ember_impl = impl;
  ssl->state = MBEDTLS_SSL_HELLO_REQUEST;
  ssl->major_ver = MBEDTLS_SSL_MAJOR_VERSION_3;
  ssl->minor_ver = conf->max_minor_ver;
  ssl->session = nullptr;
  return 0;
}

int mbedtls_ssl_session_reset(mbedtls_ssl_context* ssl) noexcept {
  SslImpl* impl = impl_of(ssl);
  if (impl == nullptr) return MBEDTLS_ERR_SSL_BAD_INPUT_DATA;
  impl->conn.reset();
  impl->fatal = 0;
  impl->pending_write = 0;
  impl->close_queued = false;
  impl->resume.clear();
  impl->vrfy_error = 0;
  impl->hs_psk = ember::Secret();
  ember::compat::clear_session(impl);
  ssl->session = nullptr;
  ssl->state = MBEDTLS_SSL_HELLO_REQUEST;
  ssl->minor_ver = ssl->conf->max_minor_ver;
  return 0;
}

void mbedtls_ssl_free(mbedtls_ssl_context* ssl) noexcept {
  if (ssl == nullptr) return;
  if (SslImpl* impl = impl_of(ssl)) {
    ember::compat::clear_session(impl);
    delete impl;
  }
  std::memset(ssl, 0, sizeof *ssl);
}

void mbedtls_ssl_set_bio(mbedtls_ssl_context* ssl, void* p_bio, mbedtls_ssl_send_t* f_send,
                         mbedtls_ssl_recv_t* f_recv,
                         mbedtls_ssl_recv_timeout_t* f_recv_timeout) noexcept {
  if (ssl == nullptr) return;
  ssl->p_bio = p_bio;
  ssl->f_send = f_send;
  ssl->f_recv = f_recv;
  ssl->f_recv_timeout = f_recv_timeout;
}

int mbedtls_ssl_set_hostname(mbedtls_ssl_context* ssl, const char* hostname) noexcept {
  SslImpl* impl = impl_of(ssl);
  if (impl == nullptr) return MBEDTLS_ERR_SSL_BAD_INPUT_DATA;
  if (impl->conn) return MBEDTLS_ERR_SSL_BAD_INPUT_DATA;  // the handshake has started
  if (hostname == nullptr) {
    impl->hostname.clear();
    impl->hostname_set = true;
    return 0;
  }
  size_t len = std::strlen(hostname);
  if (len > MBEDTLS_SSL_MAX_HOST_NAME_LEN) return MBEDTLS_ERR_SSL_BAD_INPUT_DATA;
  impl->hostname.assign(hostname, len);
  impl->hostname_set = true;
  return 0;
}

int mbedtls_ssl_handshake(mbedtls_ssl_context* ssl) noexcept {
  return drive_handshake(ssl, false);
}

int mbedtls_ssl_handshake_step(mbedtls_ssl_context* ssl) noexcept {
  return drive_handshake(ssl, true);
}

int mbedtls_ssl_renegotiate(mbedtls_ssl_context* ssl) noexcept {
  SslImpl* impl = impl_of(ssl);
  if (impl == nullptr || !impl->conn || !impl->conn->handshake_done())
    return MBEDTLS_ERR_SSL_BAD_INPUT_DATA;
  if (impl->fatal != 0) return failed_again(ssl, impl);
  if (!impl->conn->renegotiating()) {
    if (ember::Status st = impl->conn->renegotiate(); !st)
      return st.error() == ember::Error::bad_state
                 ? MBEDTLS_ERR_SSL_BAD_INPUT_DATA
                 : ember::compat::to_mbedtls(st.error(), ember::compat::Module::ssl);
    impl->session_filled = false;
  }
  return drive_handshake(ssl, false);
}

int mbedtls_ssl_read(mbedtls_ssl_context* ssl, unsigned char* buf, size_t len) noexcept {
  SslImpl* impl = impl_of(ssl);
  if (impl == nullptr || ssl->conf == nullptr || (buf == nullptr && len > 0))
    return MBEDTLS_ERR_SSL_BAD_INPUT_DATA;
  if (impl->fatal != 0) return failed_again(ssl, impl);
  if (!impl->conn || !impl->conn->handshake_done())
    if (int rc = drive_handshake(ssl, false); rc != 0) return rc;
  ember::tls::Connection& c = *impl->conn;
  while (true) {
    if (int rc = flush(ssl, impl); rc != 0) return rc;
    auto r = c.read({buf, len});
    if (r) {
      if (*r == 0 && len > 0) continue;
      (void)flush(ssl, impl);  // a post-handshake reply; the next call sends what is left
      return static_cast<int>(*r);
    }
    if (r.error() == ember::Error::want_read) {
      if (c.renegotiating()) ember::compat::update_state(ssl, impl);
      if (int rc = pull(ssl, impl); rc != 0) return rc;
      continue;
    }
    if (r.error() == ember::Error::peer_close_notify) {
      (void)flush(ssl, impl);
      return MBEDTLS_ERR_SSL_PEER_CLOSE_NOTIFY;
    }
    return fail(ssl, impl, r.error());
  }
}

int mbedtls_ssl_write(mbedtls_ssl_context* ssl, const unsigned char* buf, size_t len) noexcept {
  SslImpl* impl = impl_of(ssl);
  if (impl == nullptr || ssl->conf == nullptr || (buf == nullptr && len > 0))
    return MBEDTLS_ERR_SSL_BAD_INPUT_DATA;
  if (impl->fatal != 0) return failed_again(ssl, impl);
  if (!impl->conn || !impl->conn->handshake_done())
    if (int rc = drive_handshake(ssl, false); rc != 0) return rc;
  if (impl->pending_write > 0) {
    // The retry of a write that returned WANT_WRITE: its records are queued already.
    if (int rc = flush(ssl, impl); rc != 0) return rc;
    size_t n = impl->pending_write;
    impl->pending_write = 0;
    return static_cast<int>(n);
  }
  if (int rc = flush(ssl, impl); rc != 0) return rc;
  size_t n = len;
  size_t max = static_cast<size_t>(mbedtls_ssl_get_max_out_record_payload(ssl));
  if (n > max) n = max;
  if (n == 0) return 0;
  auto r = impl->conn->write(ByteView(buf, n));
  if (!r) return fail(ssl, impl, r.error());
  int rc = flush(ssl, impl);
  if (rc == MBEDTLS_ERR_SSL_WANT_WRITE) {
    impl->pending_write = n;
    return rc;
  }
  if (rc != 0) return rc;
  return static_cast<int>(n);
}

int mbedtls_ssl_close_notify(mbedtls_ssl_context* ssl) noexcept {
  SslImpl* impl = impl_of(ssl);
  if (impl == nullptr) return MBEDTLS_ERR_SSL_BAD_INPUT_DATA;
  if (!impl->conn) return 0;  // nothing to close yet
  if (!impl->close_queued) {
    if (!impl->conn->handshake_done()) return 0;  // as Mbed TLS: only an established session
    (void)impl->conn->close();
    impl->close_queued = true;
  }
  return flush(ssl, impl);  // WANT_WRITE: the next call sends the rest
}

int mbedtls_ssl_set_hs_psk(mbedtls_ssl_context* ssl, const unsigned char* psk,
                           size_t psk_len) noexcept {
  SslImpl* impl = impl_of(ssl);
  if (impl == nullptr || psk == nullptr || psk_len == 0 || psk_len > MBEDTLS_PSK_MAX_LEN)
    return MBEDTLS_ERR_SSL_BAD_INPUT_DATA;
  impl->hs_psk = ember::Secret(ember::ByteView(psk, psk_len));
  return 0;
}

void mbedtls_ssl_set_verify(mbedtls_ssl_context* ssl,
                            int (*f_vrfy)(void*, mbedtls_x509_crt*, int, uint32_t*),
                            void* p_vrfy) noexcept {
  if (SslImpl* impl = impl_of(ssl)) {
    impl->f_vrfy = f_vrfy;
    impl->p_vrfy = p_vrfy;
  }
}

int mbedtls_ssl_get_session(const mbedtls_ssl_context* ssl, mbedtls_ssl_session* session) noexcept {
  const SslImpl* impl = impl_of(ssl);
  if (impl == nullptr || session == nullptr || ssl->conf == nullptr ||
      ssl->conf->endpoint != MBEDTLS_SSL_IS_CLIENT || !impl->conn || !impl->session_filled)
    return MBEDTLS_ERR_SSL_BAD_INPUT_DATA;  // (after close_notify the session is still there)
  mbedtls_ssl_session_free(session);
  ember::Bytes state = impl->conn->export_session();
  if (int rc = ember::compat::session_set_state(session, state); rc != 0) return rc;
  const mbedtls_ssl_session& s = impl->session;
  session->start = s.start;
  session->ciphersuite = s.ciphersuite;
  session->compression = s.compression;
  session->verify_result = s.verify_result;
  session->mfl_code = s.mfl_code;
  session->encrypt_then_mac = s.encrypt_then_mac;
  if (s.peer_cert != nullptr) {  // only the leaf, as 2.28
    const ember::x509::CertPtr* leaf = ember::compat::crt_of(s.peer_cert);
    auto* copy = static_cast<mbedtls_x509_crt*>(std::calloc(1, sizeof(mbedtls_x509_crt)));
    if (copy == nullptr || leaf == nullptr) {
      std::free(copy);
      mbedtls_ssl_session_free(session);
      return MBEDTLS_ERR_SSL_ALLOC_FAILED;
    }
    mbedtls_x509_crt_init(copy);
    session->peer_cert = copy;
    if (ember::compat::append_cert(copy, *leaf) != 0) {
      mbedtls_ssl_session_free(session);
      return MBEDTLS_ERR_SSL_ALLOC_FAILED;
    }
  }
  return 0;
}

int mbedtls_ssl_set_session(mbedtls_ssl_context* ssl, const mbedtls_ssl_session* session) noexcept {
  SslImpl* impl = impl_of(ssl);
  if (impl == nullptr || session == nullptr || ssl->conf == nullptr ||
      ssl->conf->endpoint != MBEDTLS_SSL_IS_CLIENT || impl->conn ||
      (session->ember_state == nullptr && session->ember_state_len != 0))
    return MBEDTLS_ERR_SSL_BAD_INPUT_DATA;
  // A session without resumable state (no ticket, no cached ID) gives a full handshake.
  impl->resume.assign(session->ember_state, session->ember_state + session->ember_state_len);
  return 0;
}

size_t mbedtls_ssl_get_bytes_avail(const mbedtls_ssl_context* ssl) noexcept {
  const SslImpl* impl = impl_of(ssl);
  if (impl == nullptr || !impl->conn) return 0;
  return impl->conn->bytes_available();
}

int mbedtls_ssl_check_pending(const mbedtls_ssl_context* ssl) noexcept {
  const SslImpl* impl = impl_of(ssl);
  if (impl == nullptr || !impl->conn) return 0;
  return impl->conn->bytes_available() > 0 || impl->conn->input_pending() ? 1 : 0;
}

uint32_t mbedtls_ssl_get_verify_result(const mbedtls_ssl_context* ssl) noexcept {
  const SslImpl* impl = impl_of(ssl);
  if (impl == nullptr || !impl->conn) return 0xFFFFFFFFu;
  uint32_t flags = ember::compat::verify_flags_of(*impl);
  if (impl->conn->handshake_done() || flags != 0) return flags;
  return 0xFFFFFFFFu;
}

const char* mbedtls_ssl_get_version(const mbedtls_ssl_context* ssl) noexcept {
  if (ssl == nullptr) return "unknown";
  int minor = ssl->minor_ver;
  const SslImpl* impl = impl_of(ssl);
  if (impl != nullptr && impl->conn && impl->conn->handshake_done())
    minor = impl->conn->info().version == ember::tls::Version::tls13 ? 4 : 3;
  switch (minor) {
    case MBEDTLS_SSL_MINOR_VERSION_3:
      return "TLSv1.2";
    case MBEDTLS_SSL_MINOR_VERSION_4:
      return "TLSv1.3";
    default:
      return "unknown";
  }
}

const char* mbedtls_ssl_get_ciphersuite(const mbedtls_ssl_context* ssl) noexcept {
  const SslImpl* impl = impl_of(ssl);
  if (impl == nullptr || !impl->conn || !impl->conn->handshake_done()) return nullptr;
  return mbedtls_ssl_get_ciphersuite_name(impl->conn->info().cipher_suite);
}

int mbedtls_ssl_get_ciphersuite_id_from_ssl(const mbedtls_ssl_context* ssl) noexcept {
  const SslImpl* impl = impl_of(ssl);
  if (impl == nullptr || !impl->conn || !impl->conn->handshake_done()) return 0;
  return impl->conn->info().cipher_suite;
}

const char* mbedtls_ssl_get_alpn_protocol(const mbedtls_ssl_context* ssl) noexcept {
  const SslImpl* impl = impl_of(ssl);
  if (impl == nullptr || !impl->session_filled || impl->alpn.empty()) return nullptr;
  return impl->alpn.c_str();
}

const mbedtls_x509_crt* mbedtls_ssl_get_peer_cert(const mbedtls_ssl_context* ssl) noexcept {
  const SslImpl* impl = impl_of(ssl);
  if (impl == nullptr || !impl->session_filled) return nullptr;
  return impl->session.peer_cert;
}

int mbedtls_ssl_get_max_out_record_payload(const mbedtls_ssl_context* ssl) noexcept {
  if (ssl == nullptr || ssl->conf == nullptr) return MBEDTLS_ERR_SSL_BAD_INPUT_DATA;
  const auto* cimpl = static_cast<const ember::compat::ConfigImpl*>(ssl->conf->ember_impl);
  size_t max = MBEDTLS_SSL_OUT_CONTENT_LEN;
  if (cimpl != nullptr && cimpl->cfg.max_fragment < max) max = cimpl->cfg.max_fragment;
  if (cimpl != nullptr && cimpl->cfg.max_fragment_length >= 1 &&
      cimpl->cfg.max_fragment_length <= 4) {
    size_t mfl = size_t{256} << cimpl->cfg.max_fragment_length;
    if (mfl < max) max = mfl;
  }
  return static_cast<int>(max);
}

}  // extern "C"
