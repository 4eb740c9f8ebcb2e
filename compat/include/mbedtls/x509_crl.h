/**
 * \file x509_crl.h
 *
 * \brief X.509 certificate revocation lists.
 */
#ifndef MBEDTLS_X509_CRL_H
#define MBEDTLS_X509_CRL_H

#include "mbedtls/config.h"
#include "mbedtls/x509.h"

#ifdef __cplusplus
extern "C" {
#endif

/** One revoked certificate of a CRL. */
typedef struct mbedtls_x509_crl_entry {
  mbedtls_x509_buf raw;
  mbedtls_x509_buf serial;
  mbedtls_x509_time revocation_date;
  mbedtls_x509_buf entry_ext;
  struct mbedtls_x509_crl_entry* next;
} mbedtls_x509_crl_entry;

/**
 * \brief A CRL in a singly linked list (head declared by value, as mbedtls_x509_crt).
 *        embertls fills raw, version, this_update, next_update and next; the CRL itself is
 *        used for revocation checks through mbedtls_ssl_conf_ca_chain().
 */
typedef struct mbedtls_x509_crl {
  mbedtls_x509_buf raw;
  mbedtls_x509_buf tbs;

  int version;
  mbedtls_x509_buf sig_oid;

  mbedtls_x509_buf issuer_raw;
  mbedtls_x509_name issuer;

  mbedtls_x509_time this_update;
  mbedtls_x509_time next_update;

  mbedtls_x509_crl_entry entry;

  mbedtls_x509_buf crl_ext;

  mbedtls_x509_buf sig_oid2;
  mbedtls_x509_buf sig;
  mbedtls_md_type_t sig_md;
  mbedtls_pk_type_t sig_pk;
  void* sig_opts;

  struct mbedtls_x509_crl* next;

  void* ember_impl; /**< embertls: the parsed CRL (do not touch) */
} mbedtls_x509_crl;

/** Initialises an empty list head. */
void mbedtls_x509_crl_init(mbedtls_x509_crl* crl) MBEDTLS_EMBER_NOEXCEPT;
/** Frees every CRL of the list. */
void mbedtls_x509_crl_free(mbedtls_x509_crl* crl) MBEDTLS_EMBER_NOEXCEPT;
/** Parses one DER CRL or every PEM CRL of buf and appends them. */
int mbedtls_x509_crl_parse(mbedtls_x509_crl* chain, const unsigned char* buf,
                           size_t buflen) MBEDTLS_EMBER_NOEXCEPT;
/** Reads a file and parses it as mbedtls_x509_crl_parse() does. */
int mbedtls_x509_crl_parse_file(mbedtls_x509_crl* chain, const char* path) MBEDTLS_EMBER_NOEXCEPT;

#ifdef __cplusplus
}
#endif

#endif /* MBEDTLS_X509_CRL_H */
