/**
 * \file x509_crt.h
 *
 * \brief X.509 certificate parsing and information.
 */
#ifndef MBEDTLS_X509_CRT_H
#define MBEDTLS_X509_CRT_H

#include "mbedtls/config.h"
#include "mbedtls/x509.h"
#include "mbedtls/x509_crl.h"

#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/**
 * \brief A certificate in a singly linked chain. Declare the head by value and
 *        mbedtls_x509_crt_init() it; each parse call appends (the library allocates the nodes
 *        after the head), mbedtls_x509_crt_free() frees them all. The fields are filled at parse
 *        time and read-only; the pointers of the buffers point into `raw`, which the node owns.
 */
typedef struct mbedtls_x509_crt {
  int own_buffer;
  mbedtls_x509_buf raw;
  mbedtls_x509_buf tbs;

  int version; /**< 1, 2 or 3 */
  mbedtls_x509_buf serial;
  mbedtls_x509_buf sig_oid;

  mbedtls_x509_buf issuer_raw;
  mbedtls_x509_buf subject_raw;

  mbedtls_x509_name issuer;
  mbedtls_x509_name subject;

  mbedtls_x509_time valid_from;
  mbedtls_x509_time valid_to;

  mbedtls_x509_buf pk_raw;
  mbedtls_pk_context pk; /**< the subject's public key */

  mbedtls_x509_buf issuer_id;
  mbedtls_x509_buf subject_id;
  mbedtls_x509_buf v3_ext;
  mbedtls_x509_sequence subject_alt_names;
  mbedtls_x509_sequence certificate_policies;

  int ext_types; /**< MBEDTLS_X509_EXT_* bits of the extensions present */
  int ca_istrue;
  int max_pathlen; /**< pathLenConstraint + 1, 0 when absent */

  unsigned int key_usage;
  mbedtls_x509_sequence ext_key_usage;
  unsigned char ns_cert_type;

  mbedtls_x509_buf sig;
  mbedtls_md_type_t sig_md;
  mbedtls_pk_type_t sig_pk;
  void* sig_opts;

  struct mbedtls_x509_crt* next;

  void* ember_impl; /**< embertls: the parsed certificate (do not touch) */
} mbedtls_x509_crt;

/** Initialises an empty chain head. */
void mbedtls_x509_crt_init(mbedtls_x509_crt* crt) MBEDTLS_EMBER_NOEXCEPT;
/** Frees every certificate of the chain (safe on an initialised or freed head). */
void mbedtls_x509_crt_free(mbedtls_x509_crt* crt) MBEDTLS_EMBER_NOEXCEPT;

/** Parses one DER certificate and appends it to the chain. */
int mbedtls_x509_crt_parse_der(mbedtls_x509_crt* chain, const unsigned char* buf,
                               size_t buflen) MBEDTLS_EMBER_NOEXCEPT;
/** The same (embertls always copies the DER). */
int mbedtls_x509_crt_parse_der_nocopy(mbedtls_x509_crt* chain, const unsigned char* buf,
                                      size_t buflen) MBEDTLS_EMBER_NOEXCEPT;
/**
 * \brief Parses one DER certificate or every PEM certificate of buf (PEM must be
 *        NUL-terminated, the NUL counted in buflen) and appends them.
 * \return 0 when all were parsed, the number of PEM certificates that failed when at least one
 *         succeeded, or a negative error code.
 */
int mbedtls_x509_crt_parse(mbedtls_x509_crt* chain, const unsigned char* buf,
                           size_t buflen) MBEDTLS_EMBER_NOEXCEPT;
/** Reads a file and parses it as mbedtls_x509_crt_parse() does. */
int mbedtls_x509_crt_parse_file(mbedtls_x509_crt* chain, const char* path) MBEDTLS_EMBER_NOEXCEPT;
/** Parses every file of a directory; returns the number of files that failed, or an error. */
int mbedtls_x509_crt_parse_path(mbedtls_x509_crt* chain, const char* path) MBEDTLS_EMBER_NOEXCEPT;

/**
 * \brief Writes a human-readable description of the certificate, each line prefixed.
 * \return the length written, or a negative error code.
 */
int mbedtls_x509_crt_info(char* buf, size_t size, const char* prefix,
                          const mbedtls_x509_crt* crt) MBEDTLS_EMBER_NOEXCEPT;

/**
 * \brief Verifies a chain (crt: the leaf, then the certificates the peer sent) against the
 *        trusted CAs and CRLs, with the default profile. cn (may be NULL): the expected host
 *        name. f_vrfy (may be NULL) is called for every certificate of the path from the top
 *        (depth = path length - 1) down to the leaf (depth 0) and may change its flags.
 * \return 0; MBEDTLS_ERR_X509_CERT_VERIFY_FAILED with *flags set; f_vrfy's non-zero result
 *         (then *flags = 0xFFFFFFFF); MBEDTLS_ERR_X509_BAD_INPUT_DATA for NULL crt/flags.
 */
int mbedtls_x509_crt_verify(mbedtls_x509_crt* crt, mbedtls_x509_crt* trust_ca,
                            mbedtls_x509_crl* ca_crl, const char* cn, uint32_t* flags,
                            int (*f_vrfy)(void*, mbedtls_x509_crt*, int, uint32_t*),
                            void* p_vrfy) MBEDTLS_EMBER_NOEXCEPT;

/** 0 when the certificate has no keyUsage or allows all of usage, else
 *  MBEDTLS_ERR_X509_BAD_INPUT_DATA. */
int mbedtls_x509_crt_check_key_usage(const mbedtls_x509_crt* crt,
                                     unsigned int usage) MBEDTLS_EMBER_NOEXCEPT;

/** 0 when the certificate has no extendedKeyUsage, or lists the purpose (OID contents) or
 *  anyExtendedKeyUsage, else MBEDTLS_ERR_X509_BAD_INPUT_DATA. */
int mbedtls_x509_crt_check_extended_key_usage(const mbedtls_x509_crt* crt, const char* usage_oid,
                                              size_t usage_len) MBEDTLS_EMBER_NOEXCEPT;

/**
 * \brief Writes one line per flag of a verification result, each "<prefix><reason>\n".
 * \return the length written, or a negative error code.
 */
int mbedtls_x509_crt_verify_info(char* buf, size_t size, const char* prefix,
                                 uint32_t flags) MBEDTLS_EMBER_NOEXCEPT;

#ifdef __cplusplus
}
#endif

#endif /* MBEDTLS_X509_CRT_H */
