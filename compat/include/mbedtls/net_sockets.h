/**
 * \file net_sockets.h
 *
 * \brief TCP sockets (and the BIO callbacks mbedtls_net_send / _recv / _recv_timeout).
 */
#ifndef MBEDTLS_NET_SOCKETS_H
#define MBEDTLS_NET_SOCKETS_H

#include "mbedtls/config.h"
#include "mbedtls/ssl.h"

#include <stddef.h>
#include <stdint.h>

#define MBEDTLS_ERR_NET_SOCKET_FAILED -0x0042
#define MBEDTLS_ERR_NET_BUFFER_TOO_SMALL -0x0043
#define MBEDTLS_ERR_NET_CONNECT_FAILED -0x0044
#define MBEDTLS_ERR_NET_INVALID_CONTEXT -0x0045
#define MBEDTLS_ERR_NET_BIND_FAILED -0x0046
#define MBEDTLS_ERR_NET_POLL_FAILED -0x0047
#define MBEDTLS_ERR_NET_LISTEN_FAILED -0x0048
#define MBEDTLS_ERR_NET_BAD_INPUT_DATA -0x0049
#define MBEDTLS_ERR_NET_ACCEPT_FAILED -0x004A
#define MBEDTLS_ERR_NET_RECV_FAILED -0x004C
#define MBEDTLS_ERR_NET_SEND_FAILED -0x004E
#define MBEDTLS_ERR_NET_CONN_RESET -0x0050
#define MBEDTLS_ERR_NET_UNKNOWN_HOST -0x0052

#define MBEDTLS_NET_LISTEN_BACKLOG 10

#define MBEDTLS_NET_PROTO_TCP 0
#define MBEDTLS_NET_PROTO_UDP 1

#define MBEDTLS_NET_POLL_READ 1
#define MBEDTLS_NET_POLL_WRITE 2

#ifdef __cplusplus
extern "C" {
#endif

/** A socket: fd is the descriptor, -1 when closed. Programs may read and set it. */
typedef struct mbedtls_net_context {
  int fd;
} mbedtls_net_context;

/** Initialises a context (fd = -1). */
void mbedtls_net_init(mbedtls_net_context* ctx) MBEDTLS_EMBER_NOEXCEPT;
/**
 * \brief Connects to host:port (host a name or an address, port as text).
 * \return 0, MBEDTLS_ERR_NET_UNKNOWN_HOST, MBEDTLS_ERR_NET_SOCKET_FAILED or
 *         MBEDTLS_ERR_NET_CONNECT_FAILED. UDP: MBEDTLS_ERR_NET_BAD_INPUT_DATA (no DTLS yet).
 */
int mbedtls_net_connect(mbedtls_net_context* ctx, const char* host, const char* port,
                        int proto) MBEDTLS_EMBER_NOEXCEPT;
/** Listens on bind_ip (NULL: any address):port. */
int mbedtls_net_bind(mbedtls_net_context* ctx, const char* bind_ip, const char* port,
                     int proto) MBEDTLS_EMBER_NOEXCEPT;
/**
 * \brief Accepts a connection; client_ip (may be NULL) receives the peer address bytes
 *        (4 or 16) and ip_len their count. MBEDTLS_ERR_SSL_WANT_READ on a non-blocking
 *        listener with nothing pending.
 */
int mbedtls_net_accept(mbedtls_net_context* bind_ctx, mbedtls_net_context* client_ctx,
                       void* client_ip, size_t buf_size, size_t* ip_len) MBEDTLS_EMBER_NOEXCEPT;
/** Waits up to timeout ms (-1: forever) for MBEDTLS_NET_POLL_READ / _WRITE; returns ready set. */
int mbedtls_net_poll(mbedtls_net_context* ctx, uint32_t rw,
                     uint32_t timeout) MBEDTLS_EMBER_NOEXCEPT;
/** Makes the socket blocking. */
int mbedtls_net_set_block(mbedtls_net_context* ctx) MBEDTLS_EMBER_NOEXCEPT;
/** Makes the socket non-blocking. */
int mbedtls_net_set_nonblock(mbedtls_net_context* ctx) MBEDTLS_EMBER_NOEXCEPT;
/** Sleeps for usec microseconds. */
void mbedtls_net_usleep(unsigned long usec) MBEDTLS_EMBER_NOEXCEPT;
/**
 * \brief The f_recv BIO callback: ctx is a mbedtls_net_context.
 * \return bytes read, 0 at end of stream, MBEDTLS_ERR_SSL_WANT_READ (non-blocking, EINTR),
 *         MBEDTLS_ERR_NET_CONN_RESET or MBEDTLS_ERR_NET_RECV_FAILED.
 */
int mbedtls_net_recv(void* ctx, unsigned char* buf, size_t len) MBEDTLS_EMBER_NOEXCEPT;
/** The f_send BIO callback: bytes sent, MBEDTLS_ERR_SSL_WANT_WRITE, or an error. */
int mbedtls_net_send(void* ctx, const unsigned char* buf, size_t len) MBEDTLS_EMBER_NOEXCEPT;
/** The f_recv_timeout callback: as mbedtls_net_recv, MBEDTLS_ERR_SSL_TIMEOUT after timeout ms. */
int mbedtls_net_recv_timeout(void* ctx, unsigned char* buf, size_t len,
                             uint32_t timeout) MBEDTLS_EMBER_NOEXCEPT;
/** Closes the connection (both directions) and the socket. */
void mbedtls_net_close(mbedtls_net_context* ctx) MBEDTLS_EMBER_NOEXCEPT;
/** Closes the socket and resets the context. */
void mbedtls_net_free(mbedtls_net_context* ctx) MBEDTLS_EMBER_NOEXCEPT;

#ifdef __cplusplus
}
#endif

#endif /* MBEDTLS_NET_SOCKETS_H */
