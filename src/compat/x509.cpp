// x509.h, x509_crt.h, x509_crl.h over ember::x509. A mbedtls_x509_crt node points to its
// ember::x509::Certificate (CrtNode); the public fields are filled from it at parse time and
// their buffers point into the certificate's own storage, alive as long as the node.
#include <dirent.h>
#include <sys/stat.h>

#include <algorithm>
#include <ctime>
#include <new>

#include "compat.hpp"
#include "ember/asn1/oid.hpp"
#include "ember/asn1/pem.hpp"
#include "ember/x509/verify.hpp"

namespace ember::compat {
namespace {

unsigned char* mut(ByteView v) {
  return const_cast<unsigned char*>(v.data());  // the C fields are not const; never written
}

mbedtls_x509_buf buf_of(int tag, ByteView v) {
  mbedtls_x509_buf b{};
  b.tag = tag;
  b.len = v.size();
  b.p = mut(v);
  return b;
}

void set_time(mbedtls_x509_time* t, int64_t unix_seconds) {
  time_t s = static_cast<time_t>(unix_seconds);
  tm out{};
  if (gmtime_r(&s, &out) == nullptr) return;
  t->year = out.tm_year + 1900;
  t->mon = out.tm_mon + 1;
  t->day = out.tm_mday;
  t->hour = out.tm_hour;
  t->min = out.tm_min;
  t->sec = out.tm_sec;
}

int64_t to_unix(const mbedtls_x509_time& t) {
  tm in{};
  in.tm_year = t.year - 1900;
  in.tm_mon = t.mon - 1;
  in.tm_mday = t.day;
  in.tm_hour = t.hour;
  in.tm_min = t.min;
  in.tm_sec = t.sec;
  return static_cast<int64_t>(timegm(&in));
}

// Links a Name's attributes as a mbedtls_x509_name list: the first in `head`, the others in
// `pool` starting at `next_free`.
void fill_name(mbedtls_x509_name* head, const x509::Name& name,
               std::vector<mbedtls_x509_name>& pool, size_t& next_free) {
  const auto& attrs = name.attributes();
  mbedtls_x509_name* cur = head;
  for (size_t i = 0; i < attrs.size(); ++i) {
    if (i > 0) {
      mbedtls_x509_name* n = &pool[next_free++];
      cur->next = n;
      cur = n;
    }
    cur->oid = buf_of(0x06, attrs[i].oid);
    cur->val = buf_of(attrs[i].tag, attrs[i].value);
    cur->next_merged = (i + 1 < attrs.size() && attrs[i + 1].continues_rdn) ? 1 : 0;
    cur->next = nullptr;
  }
}

mbedtls_md_type_t md_of(const x509::SignatureAlgorithm& alg) {
  if (alg.md5) return MBEDTLS_MD_MD5;
  if (!alg.hash) return MBEDTLS_MD_NONE;
  switch (*alg.hash) {
    case crypto::HashAlg::sha1:
      return MBEDTLS_MD_SHA1;
    case crypto::HashAlg::sha224:
      return MBEDTLS_MD_SHA224;
    case crypto::HashAlg::sha256:
      return MBEDTLS_MD_SHA256;
    case crypto::HashAlg::sha384:
      return MBEDTLS_MD_SHA384;
    case crypto::HashAlg::sha512:
      return MBEDTLS_MD_SHA512;
  }
  return MBEDTLS_MD_NONE;
}

mbedtls_pk_type_t sig_pk_of(const x509::SignatureAlgorithm& alg) {
  switch (alg.key_type) {
    case crypto::KeyType::rsa:
      return alg.params.padding == crypto::SignaturePadding::pss ? MBEDTLS_PK_RSASSA_PSS
                                                                 : MBEDTLS_PK_RSA;
    case crypto::KeyType::rsa_pss:
      return MBEDTLS_PK_RSASSA_PSS;
    case crypto::KeyType::ec:
      return MBEDTLS_PK_ECDSA;
    case crypto::KeyType::ed25519:
    case crypto::KeyType::ed448:
      return MBEDTLS_PK_NONE;  // Mbed TLS 2.28 has no EdDSA
  }
  return MBEDTLS_PK_NONE;
}

CrtNode* node_of(const mbedtls_x509_crt* crt) {
  return crt == nullptr ? nullptr : static_cast<CrtNode*>(crt->ember_impl);
}

// mbedtls_x509_crt_parse on bytes: DER, or every CERTIFICATE block of PEM text.
int parse_crt_bytes(mbedtls_x509_crt* chain, ByteView data) {
  if (!asn1::looks_like_pem(data)) {
    auto cert = x509::Certificate::parse_der(data);
    if (!cert) return to_mbedtls(cert.error(), Module::x509);
    return append_cert(chain, std::move(*cert));
  }
  std::string_view text(reinterpret_cast<const char*>(data.data()), data.size());
  auto blocks = asn1::pem_decode_labeled(text, {"CERTIFICATE"});
  if (!blocks) return to_mbedtls(blocks.error(), Module::x509);
  int failed = 0, first_error = 0, parsed = 0;
  for (const auto& b : *blocks) {
    auto cert = x509::Certificate::parse_der(b.der);
    int rc = cert ? append_cert(chain, std::move(*cert)) : to_mbedtls(cert.error(), Module::x509);
    if (rc == MBEDTLS_ERR_X509_ALLOC_FAILED) return rc;
    if (rc != 0) {
      ++failed;
      if (first_error == 0) first_error = rc;
    } else {
      ++parsed;
    }
  }
  if (parsed == 0) return first_error != 0 ? first_error : MBEDTLS_ERR_X509_CERT_UNKNOWN_FORMAT;
  return failed;
}

}  // namespace

// Appends one parsed certificate to the chain (the head first, then library-allocated nodes).
int append_cert(mbedtls_x509_crt* chain, x509::CertPtr cert) noexcept {
  mbedtls_x509_crt* cur = chain;
  while (cur->ember_impl != nullptr && cur->next != nullptr) cur = cur->next;
  if (cur->ember_impl == nullptr) return fill_crt(cur, std::move(cert));
  auto* node = new (std::nothrow) mbedtls_x509_crt();
  if (node == nullptr) return MBEDTLS_ERR_X509_ALLOC_FAILED;
  if (int rc = fill_crt(node, std::move(cert)); rc != 0) {
    delete node;
    return rc;
  }
  cur->next = node;
  return 0;
}

const x509::CertPtr* crt_of(const mbedtls_x509_crt* crt) noexcept {
  CrtNode* n = node_of(crt);
  return n == nullptr ? nullptr : &n->cert;
}

int fill_crt(mbedtls_x509_crt* crt, x509::CertPtr cert) noexcept {
  auto* node = new (std::nothrow) CrtNode();
  if (node == nullptr) return MBEDTLS_ERR_X509_ALLOC_FAILED;
  const x509::Certificate& c = *cert;
  size_t ns = c.subject().attributes().size(), ni = c.issuer().attributes().size();
  size_t extra = (ns > 0 ? ns - 1 : 0) + (ni > 0 ? ni - 1 : 0);
  node->names.resize(extra);  // sized once: the list pointers stay valid
  size_t next_free = 0;
  crt->own_buffer = 1;
  crt->raw = buf_of(0, c.der());  // Mbed TLS leaves the tag of raw at 0
  crt->tbs = buf_of(0x30, c.tbs());
  crt->version = c.version();
  crt->serial = buf_of(0x02, c.serial());
  crt->issuer_raw = buf_of(0x30, c.issuer().der());
  crt->subject_raw = buf_of(0x30, c.subject().der());
  fill_name(&crt->issuer, c.issuer(), node->names, next_free);
  fill_name(&crt->subject, c.subject(), node->names, next_free);
  set_time(&crt->valid_from, c.not_before());
  set_time(&crt->valid_to, c.not_after());
  crt->pk_raw = buf_of(0x30, c.spki_der());
  // The extensions Mbed TLS 2.28 parses (it ignores the others, which embertls also uses).
  int ext = 0;
  if (c.has_key_usage()) ext |= MBEDTLS_X509_EXT_KEY_USAGE;
  if (c.has_policies()) ext |= MBEDTLS_X509_EXT_CERTIFICATE_POLICIES;
  if (c.has_subject_alt_names()) ext |= MBEDTLS_X509_EXT_SUBJECT_ALT_NAME;
  if (c.has_basic_constraints()) ext |= MBEDTLS_X509_EXT_BASIC_CONSTRAINTS;
  if (c.has_ext_key_usage()) ext |= MBEDTLS_X509_EXT_EXTENDED_KEY_USAGE;
  if (c.has_ns_cert_type()) ext |= MBEDTLS_X509_EXT_NS_CERT_TYPE;
  crt->ext_types = ext;
  crt->ca_istrue = c.is_ca() ? 1 : 0;
  crt->max_pathlen = c.path_len() ? *c.path_len() + 1 : 0;
  crt->key_usage = c.key_usage();
  crt->ns_cert_type = c.ns_cert_type();
  crt->sig = buf_of(0x03, c.signature());
  crt->sig_md = md_of(c.signature_algorithm());
  crt->sig_pk = sig_pk_of(c.signature_algorithm());
  crt->next = nullptr;
  node->cert = std::move(cert);
  pk_set_public(&crt->pk, node->cert);
  crt->ember_impl = node;
  return 0;
}

const x509::CrlPtr* crl_of(const mbedtls_x509_crl* crl) noexcept {
  return crl == nullptr ? nullptr : static_cast<const x509::CrlPtr*>(crl->ember_impl);
}

}  // namespace ember::compat

using ember::ByteView;
using ember::compat::Module;
using ember::compat::to_mbedtls;
using ember::compat::write_text;

extern "C" {

void mbedtls_x509_crt_init(mbedtls_x509_crt* crt) noexcept {
  if (crt != nullptr) std::memset(crt, 0, sizeof *crt);
}

void mbedtls_x509_crt_free(mbedtls_x509_crt* crt) noexcept {
  mbedtls_x509_crt* cur = crt;
  while (cur != nullptr) {
    mbedtls_x509_crt* next = cur->next;
    mbedtls_pk_free(&cur->pk);
    delete ember::compat::node_of(cur);
    if (cur != crt)
      delete cur;
    else
      std::memset(cur, 0, sizeof *cur);
    cur = next;
  }
}

int mbedtls_x509_crt_parse_der(mbedtls_x509_crt* chain, const unsigned char* buf,
                               size_t buflen) noexcept {
  if (chain == nullptr || buf == nullptr) return MBEDTLS_ERR_X509_BAD_INPUT_DATA;
  auto cert = ember::x509::Certificate::parse_der(ByteView(buf, buflen));
  if (!cert) return to_mbedtls(cert.error(), Module::x509);
  return ember::compat::append_cert(chain, std::move(*cert));
}

int mbedtls_x509_crt_parse_der_nocopy(mbedtls_x509_crt* chain, const unsigned char* buf,
                                      size_t buflen) noexcept {
  return mbedtls_x509_crt_parse_der(chain, buf, buflen);
}

int mbedtls_x509_crt_parse(mbedtls_x509_crt* chain, const unsigned char* buf,
                           size_t buflen) noexcept {
  if (chain == nullptr || buf == nullptr) return MBEDTLS_ERR_X509_BAD_INPUT_DATA;
  return ember::compat::parse_crt_bytes(chain, ByteView(buf, buflen));
}

int mbedtls_x509_crt_parse_file(mbedtls_x509_crt* chain, const char* path) noexcept {
  if (chain == nullptr || path == nullptr) return MBEDTLS_ERR_X509_BAD_INPUT_DATA;
  auto data = ember::x509::read_file(path);
  if (!data) return MBEDTLS_ERR_PK_FILE_IO_ERROR;  // what Mbed TLS's loader returns
  return ember::compat::parse_crt_bytes(chain, *data);
}

int mbedtls_x509_crt_parse_path(mbedtls_x509_crt* chain, const char* path) noexcept {
  if (chain == nullptr || path == nullptr) return MBEDTLS_ERR_X509_BAD_INPUT_DATA;
  DIR* d = opendir(path);
  if (d == nullptr) return MBEDTLS_ERR_X509_FILE_IO_ERROR;
  std::vector<std::string> names;
  while (dirent* e = readdir(d)) {
    std::string full = std::string(path) + "/" + e->d_name;
    struct stat st {};
    if (stat(full.c_str(), &st) == 0 && S_ISREG(st.st_mode)) names.push_back(std::move(full));
  }
  closedir(d);
  std::sort(names.begin(), names.end());
  int failed = 0;
  for (const auto& n : names) {
    int rc = mbedtls_x509_crt_parse_file(chain, n.c_str());
    if (rc == MBEDTLS_ERR_X509_ALLOC_FAILED) return rc;
    if (rc < 0)
      ++failed;
    else
      failed += rc;
  }
  return failed;
}

int mbedtls_x509_crt_info(char* buf, size_t size, const char* prefix,
                          const mbedtls_x509_crt* crt) noexcept {
  const auto* cert = ember::compat::crt_of(crt);
  if (buf == nullptr || size == 0) return MBEDTLS_ERR_X509_BUFFER_TOO_SMALL;
  if (cert == nullptr) return write_text(buf, size, "\nCertificate is uninitialised!\n");
  return write_text(buf, size, (*cert)->info(prefix == nullptr ? "" : prefix));
}

int mbedtls_x509_crt_verify_info(char* buf, size_t size, const char* prefix,
                                 uint32_t flags) noexcept {
  if (buf == nullptr || size == 0) return MBEDTLS_ERR_X509_BUFFER_TOO_SMALL;
  std::string text = ember::x509::verify_info(flags, prefix == nullptr ? "" : prefix);
  if (text.empty()) return 0;  // flags 0: Mbed TLS leaves the buffer as it was
  return write_text(buf, size, text);
}

int mbedtls_x509_crt_verify(mbedtls_x509_crt* crt, mbedtls_x509_crt* trust_ca,
                            mbedtls_x509_crl* ca_crl, const char* cn, uint32_t* flags,
                            int (*f_vrfy)(void*, mbedtls_x509_crt*, int, uint32_t*),
                            void* p_vrfy) noexcept {
  if (crt == nullptr || flags == nullptr || ember::compat::crt_of(crt) == nullptr)
    return MBEDTLS_ERR_X509_BAD_INPUT_DATA;
  std::vector<ember::x509::CertPtr> chain;
  for (const mbedtls_x509_crt* n = crt; n != nullptr; n = n->next)
    if (const auto* c = ember::compat::crt_of(n)) chain.push_back(*c);
  ember::x509::TrustStore trust;
  for (const mbedtls_x509_crt* n = trust_ca; n != nullptr; n = n->next)
    if (const auto* c = ember::compat::crt_of(n)) trust.add(*c);
  for (const mbedtls_x509_crl* n = ca_crl; n != nullptr; n = n->next)
    if (const auto* c = ember::compat::crl_of(n)) trust.add_crl(*c);
  ember::x509::VerifyOptions o;
  o.trust = &trust;
  if (cn != nullptr) o.host = std::string(cn);
  if (f_vrfy != nullptr) {
    // The C node of each certificate the callback sees: in the chain or among the CAs.
    o.callback = [&](const ember::x509::Certificate& c, int depth, uint32_t& f) {
      for (mbedtls_x509_crt* list : {crt, trust_ca})
        for (mbedtls_x509_crt* n = list; n != nullptr; n = n->next) {
          const auto* p = ember::compat::crt_of(n);
          if (p != nullptr && p->get() == &c) return f_vrfy(p_vrfy, n, depth, &f);
        }
      return 0;  // not a node of ours (cannot happen): nothing to show the callback
    };
  }
  ember::x509::VerifyResult r = ember::x509::verify_chain(chain, o);
  if (r.callback_error != 0) {
    *flags = 0xFFFFFFFFu;
    return r.callback_error;
  }
  *flags = r.flags;
  return r.flags == 0 ? 0 : MBEDTLS_ERR_X509_CERT_VERIFY_FAILED;
}

int mbedtls_x509_crt_check_key_usage(const mbedtls_x509_crt* crt, unsigned int usage) noexcept {
  const auto* c = ember::compat::crt_of(crt);
  if (c == nullptr) return MBEDTLS_ERR_X509_BAD_INPUT_DATA;
  return (*c)->key_usage_allows(usage) ? 0 : MBEDTLS_ERR_X509_BAD_INPUT_DATA;
}

int mbedtls_x509_crt_check_extended_key_usage(const mbedtls_x509_crt* crt, const char* usage_oid,
                                              size_t usage_len) noexcept {
  const auto* c = ember::compat::crt_of(crt);
  if (c == nullptr || usage_oid == nullptr) return MBEDTLS_ERR_X509_BAD_INPUT_DATA;
  ByteView oid(reinterpret_cast<const unsigned char*>(usage_oid), usage_len);
  return (*c)->ext_key_usage_allows(oid) ? 0 : MBEDTLS_ERR_X509_BAD_INPUT_DATA;
}

int mbedtls_x509_dn_gets(char* buf, size_t size, const mbedtls_x509_name* dn) noexcept {
  if (buf == nullptr || size == 0 || dn == nullptr) return MBEDTLS_ERR_X509_BUFFER_TOO_SMALL;
  // The same text as ember::x509::Name::to_string, from the C list (which may be the caller's).
  std::string out;
  for (const mbedtls_x509_name* n = dn; n != nullptr; n = n->next) {
    if (n->oid.p == nullptr) continue;
    const ember::asn1::OidInfo* info = ember::asn1::oid_lookup(ByteView(n->oid.p, n->oid.len));
    if (info != nullptr)
      out.append(info->short_name).append("=");
    else
      out += "\?\?=";
    for (size_t i = 0; i < n->val.len; ++i) {
      unsigned char c = n->val.p[i];
      if (c != 0 && std::strchr(",=+<>#;\"\\", c) != nullptr) out += '\\';
      out += (c < 32 || c >= 127) ? '?' : static_cast<char>(c);
    }
    if (n->next != nullptr) out += n->next_merged ? " + " : ", ";
  }
  return write_text(buf, size, out);
}

int mbedtls_x509_serial_gets(char* buf, size_t size, const mbedtls_x509_buf* serial) noexcept {
  if (buf == nullptr || size == 0 || serial == nullptr || serial->p == nullptr)
    return MBEDTLS_ERR_X509_BUFFER_TOO_SMALL;
  return write_text(buf, size, ember::x509::serial_to_string(ByteView(serial->p, serial->len)));
}

int mbedtls_x509_time_is_past(const mbedtls_x509_time* to) noexcept {
  if (to == nullptr) return 0;
  return ember::compat::to_unix(*to) <= static_cast<int64_t>(time(nullptr)) ? 1 : 0;
}

int mbedtls_x509_time_is_future(const mbedtls_x509_time* from) noexcept {
  if (from == nullptr) return 0;
  return ember::compat::to_unix(*from) > static_cast<int64_t>(time(nullptr)) ? 1 : 0;
}

void mbedtls_x509_crl_init(mbedtls_x509_crl* crl) noexcept {
  if (crl != nullptr) std::memset(crl, 0, sizeof *crl);
}

void mbedtls_x509_crl_free(mbedtls_x509_crl* crl) noexcept {
  mbedtls_x509_crl* cur = crl;
  while (cur != nullptr) {
    mbedtls_x509_crl* next = cur->next;
    delete static_cast<ember::x509::CrlPtr*>(cur->ember_impl);
    if (cur != crl)
      delete cur;
    else
      std::memset(cur, 0, sizeof *cur);
    cur = next;
  }
}

int mbedtls_x509_crl_parse(mbedtls_x509_crl* chain, const unsigned char* buf,
                           size_t buflen) noexcept {
  if (chain == nullptr || buf == nullptr) return MBEDTLS_ERR_X509_BAD_INPUT_DATA;
  auto crls = ember::x509::parse_crls(ByteView(buf, buflen));
  if (!crls) return to_mbedtls(crls.error(), Module::x509);
  for (auto& c : *crls) {
    mbedtls_x509_crl* cur = chain;
    while (cur->ember_impl != nullptr && cur->next != nullptr) cur = cur->next;
    mbedtls_x509_crl* target = cur;
    if (cur->ember_impl != nullptr) {
      target = new (std::nothrow) mbedtls_x509_crl();
      if (target == nullptr) return MBEDTLS_ERR_X509_ALLOC_FAILED;
    }
    auto* impl = new (std::nothrow) ember::x509::CrlPtr(c);
    if (impl == nullptr) {
      if (target != cur) delete target;
      return MBEDTLS_ERR_X509_ALLOC_FAILED;
    }
    target->raw.tag = 0x30;
    target->raw.len = c->der().size();
    target->raw.p = const_cast<unsigned char*>(c->der().data());
    target->version = c->version();
    ember::compat::set_time(&target->this_update, c->this_update());
    if (c->next_update()) ember::compat::set_time(&target->next_update, *c->next_update());
    target->ember_impl = impl;
    if (target != cur) cur->next = target;
  }
  return 0;
}

int mbedtls_x509_crl_parse_file(mbedtls_x509_crl* chain, const char* path) noexcept {
  if (chain == nullptr || path == nullptr) return MBEDTLS_ERR_X509_BAD_INPUT_DATA;
  auto data = ember::x509::read_file(path);
  if (!data) return MBEDTLS_ERR_PK_FILE_IO_ERROR;
  return mbedtls_x509_crl_parse(chain, data->data(), data->size());
}

}  // extern "C"
