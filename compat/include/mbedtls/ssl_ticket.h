/**
 * \file ssl_ticket.h
 *
 * \brief Server-side session tickets, Mbed TLS 2.28 API over embertls's
 *        ember::tls::TicketKeys: tickets sealed with AES-256-GCM under a named key that
 *        rotates every `lifetime` seconds (the previous key still opens tickets).
 *        Use: mbedtls_ssl_ticket_init(&t); mbedtls_ssl_ticket_setup(&t, f_rng, p_rng,
 *        MBEDTLS_CIPHER_AES_256_GCM, 86400); mbedtls_ssl_conf_session_tickets_cb(&conf,
 *        mbedtls_ssl_ticket_write, mbedtls_ssl_ticket_parse, &t); ... mbedtls_ssl_ticket_free(&t).
 */
#ifndef MBEDTLS_SSL_TICKET_H
#define MBEDTLS_SSL_TICKET_H

#include "mbedtls/cipher.h"
#include "mbedtls/ssl.h"

#ifdef __cplusplus
extern "C" {
#endif

/** Ticket keys. Declared by value; mbedtls_ssl_ticket_init() first. */
typedef struct mbedtls_ssl_ticket_context {
  uint32_t ticket_lifetime; /**< seconds a ticket is valid, and the key rotation period */
  int (*f_rng)(void*, unsigned char*, size_t);
  void* p_rng;
  void* ember_impl; /**< embertls: the TicketKeys (do not touch) */
} mbedtls_ssl_ticket_context;

/** Initialises an empty context (mbedtls_ssl_ticket_setup() makes it usable). */
void mbedtls_ssl_ticket_init(mbedtls_ssl_ticket_context* ctx) MBEDTLS_EMBER_NOEXCEPT;
/**
 * \brief Sets up the keys. \p cipher must be an AES-GCM type (embertls seals with
 *        AES-256-GCM whichever is given); \p lifetime is the ticket lifetime and the key
 *        rotation period in seconds. The keys come from embertls's provider; \p f_rng is kept
 *        but not used.
 * \return 0, MBEDTLS_ERR_SSL_BAD_INPUT_DATA (other ciphers, NULL f_rng, twice),
 *         MBEDTLS_ERR_SSL_ALLOC_FAILED.
 */
int mbedtls_ssl_ticket_setup(mbedtls_ssl_ticket_context* ctx,
                             int (*f_rng)(void*, unsigned char*, size_t), void* p_rng,
                             mbedtls_cipher_type_t cipher,
                             uint32_t lifetime) MBEDTLS_EMBER_NOEXCEPT;
#ifndef __cplusplus
/** Writes a ticket for a session (see mbedtls_ssl_ticket_write_t). */
mbedtls_ssl_ticket_write_t mbedtls_ssl_ticket_write;
/** Opens a ticket (see mbedtls_ssl_ticket_parse_t). */
mbedtls_ssl_ticket_parse_t mbedtls_ssl_ticket_parse;
#else
/* The same functions for C++, spelled out to carry noexcept (a typedef'd function type cannot);
 * their addresses convert to mbedtls_ssl_ticket_write_t* / mbedtls_ssl_ticket_parse_t*. */
int mbedtls_ssl_ticket_write(void* p_ticket, const mbedtls_ssl_session* session,
                             unsigned char* start, const unsigned char* end, size_t* tlen,
                             uint32_t* lifetime) noexcept;
int mbedtls_ssl_ticket_parse(void* p_ticket, mbedtls_ssl_session* session, unsigned char* buf,
                             size_t len) noexcept;
#endif
/** Frees the keys (configurations that use them keep their reference alive). */
void mbedtls_ssl_ticket_free(mbedtls_ssl_ticket_context* ctx) MBEDTLS_EMBER_NOEXCEPT;

#ifdef __cplusplus
}
#endif

#endif /* MBEDTLS_SSL_TICKET_H */
