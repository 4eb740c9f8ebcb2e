// net_sockets.h: BSD sockets, as Mbed TLS's net_sockets.c behaves (blocking by default,
// WANT_READ / WANT_WRITE on non-blocking sockets, EOF as 0).
#include <arpa/inet.h>
#include <fcntl.h>
#include <netdb.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>
#include <ctime>

#include "compat.hpp"
#include "mbedtls/net_sockets.h"

namespace {

// A failed call on a non-blocking socket that would have blocked (err: its errno).
bool would_block(int fd, int err) {
  int flags = fcntl(fd, F_GETFL);
  return flags >= 0 && (flags & O_NONBLOCK) != 0 && (err == EAGAIN || err == EWOULDBLOCK);
}

constexpr size_t kMaxIo = 0x7FFFFFFF;  // results are ints

// addrinfo for host:port, TCP only (DTLS is not available yet).
int resolve(const char* host, const char* port, bool passive, addrinfo** out) {
  addrinfo hints{};
  hints.ai_family = AF_UNSPEC;
  hints.ai_socktype = SOCK_STREAM;
  hints.ai_protocol = IPPROTO_TCP;
  if (passive) hints.ai_flags = AI_PASSIVE;
  return getaddrinfo(host, port, &hints, out) != 0 ? MBEDTLS_ERR_NET_UNKNOWN_HOST : 0;
}

}  // namespace

extern "C" {

void mbedtls_net_init(mbedtls_net_context* ctx) noexcept {
  if (ctx != nullptr) ctx->fd = -1;
}

int mbedtls_net_connect(mbedtls_net_context* ctx, const char* host, const char* port,
                        int proto) noexcept {
  if (ctx == nullptr || host == nullptr || port == nullptr) return MBEDTLS_ERR_NET_BAD_INPUT_DATA;
  if (proto != MBEDTLS_NET_PROTO_TCP) return MBEDTLS_ERR_NET_BAD_INPUT_DATA;
  addrinfo* list = nullptr;
  if (int rc = resolve(host, port, false, &list); rc != 0) return rc;
  int ret = MBEDTLS_ERR_NET_UNKNOWN_HOST;
  for (addrinfo* a = list; a != nullptr; a = a->ai_next) {
    int fd = socket(a->ai_family, a->ai_socktype | SOCK_CLOEXEC, a->ai_protocol);
    if (fd < 0) {
      ret = MBEDTLS_ERR_NET_SOCKET_FAILED;
      continue;
    }
    if (connect(fd, a->ai_addr, a->ai_addrlen) == 0) {
      ctx->fd = fd;
      ret = 0;
      break;
    }
    close(fd);
    ret = MBEDTLS_ERR_NET_CONNECT_FAILED;
  }
  freeaddrinfo(list);
  return ret;
}

int mbedtls_net_bind(mbedtls_net_context* ctx, const char* bind_ip, const char* port,
                     int proto) noexcept {
  if (ctx == nullptr || port == nullptr) return MBEDTLS_ERR_NET_BAD_INPUT_DATA;
  if (proto != MBEDTLS_NET_PROTO_TCP) return MBEDTLS_ERR_NET_BAD_INPUT_DATA;
  addrinfo* list = nullptr;
  if (int rc = resolve(bind_ip, port, true, &list); rc != 0) return rc;
  int ret = MBEDTLS_ERR_NET_UNKNOWN_HOST;
  for (addrinfo* a = list; a != nullptr; a = a->ai_next) {
    int fd = socket(a->ai_family, a->ai_socktype | SOCK_CLOEXEC, a->ai_protocol);
    if (fd < 0) {
      ret = MBEDTLS_ERR_NET_SOCKET_FAILED;
      continue;
    }
    int one = 1;
    if (setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one) != 0) {
      close(fd);
      ret = MBEDTLS_ERR_NET_SOCKET_FAILED;
      continue;
    }
    if (bind(fd, a->ai_addr, a->ai_addrlen) != 0) {
      close(fd);
      ret = MBEDTLS_ERR_NET_BIND_FAILED;
      continue;
    }
    if (listen(fd, MBEDTLS_NET_LISTEN_BACKLOG) != 0) {
      close(fd);
      ret = MBEDTLS_ERR_NET_LISTEN_FAILED;
      continue;
    }
    ctx->fd = fd;
    ret = 0;
    break;
  }
  freeaddrinfo(list);
  return ret;
}

int mbedtls_net_accept(mbedtls_net_context* bind_ctx, mbedtls_net_context* client_ctx,
                       void* client_ip, size_t buf_size, size_t* ip_len) noexcept {
  if (bind_ctx == nullptr || client_ctx == nullptr || bind_ctx->fd < 0)
    return MBEDTLS_ERR_NET_BAD_INPUT_DATA;
  sockaddr_storage addr{};
  socklen_t len = sizeof addr;
  int fd = accept4(bind_ctx->fd, reinterpret_cast<sockaddr*>(&addr), &len, SOCK_CLOEXEC);
  if (fd < 0) {
    if (would_block(bind_ctx->fd, errno)) return MBEDTLS_ERR_SSL_WANT_READ;
    return MBEDTLS_ERR_NET_ACCEPT_FAILED;
  }
  client_ctx->fd = fd;
  if (client_ip != nullptr) {
    const void* src = nullptr;
    size_t n = 0;
    if (addr.ss_family == AF_INET) {
      src = &reinterpret_cast<const sockaddr_in*>(&addr)->sin_addr;
      n = 4;
    } else if (addr.ss_family == AF_INET6) {
      src = &reinterpret_cast<const sockaddr_in6*>(&addr)->sin6_addr;
      n = 16;
    }
    if (n > buf_size) return MBEDTLS_ERR_NET_BUFFER_TOO_SMALL;
    if (n > 0) std::memcpy(client_ip, src, n);
    if (ip_len != nullptr) *ip_len = n;
  }
  return 0;
}

int mbedtls_net_set_block(mbedtls_net_context* ctx) noexcept {
  if (ctx == nullptr || ctx->fd < 0) return MBEDTLS_ERR_NET_INVALID_CONTEXT;
  int flags = fcntl(ctx->fd, F_GETFL);
  if (flags < 0) return MBEDTLS_ERR_NET_INVALID_CONTEXT;
  return fcntl(ctx->fd, F_SETFL, flags & ~O_NONBLOCK) < 0 ? MBEDTLS_ERR_NET_INVALID_CONTEXT : 0;
}

int mbedtls_net_set_nonblock(mbedtls_net_context* ctx) noexcept {
  if (ctx == nullptr || ctx->fd < 0) return MBEDTLS_ERR_NET_INVALID_CONTEXT;
  int flags = fcntl(ctx->fd, F_GETFL);
  if (flags < 0) return MBEDTLS_ERR_NET_INVALID_CONTEXT;
  return fcntl(ctx->fd, F_SETFL, flags | O_NONBLOCK) < 0 ? MBEDTLS_ERR_NET_INVALID_CONTEXT : 0;
}

int mbedtls_net_poll(mbedtls_net_context* ctx, uint32_t rw, uint32_t timeout) noexcept {
  if (ctx == nullptr || ctx->fd < 0) return MBEDTLS_ERR_NET_INVALID_CONTEXT;
  pollfd p{};
  p.fd = ctx->fd;
  if (rw & MBEDTLS_NET_POLL_READ) p.events |= POLLIN;
  if (rw & MBEDTLS_NET_POLL_WRITE) p.events |= POLLOUT;
  int wait = timeout == static_cast<uint32_t>(-1) ? -1 : static_cast<int>(timeout);
  int n;
  do {
    n = poll(&p, 1, wait);
  } while (n < 0 && errno == EINTR);
  if (n < 0) return MBEDTLS_ERR_NET_POLL_FAILED;
  int ret = 0;
  if (p.revents & (POLLIN | POLLHUP | POLLERR)) ret |= MBEDTLS_NET_POLL_READ;
  if (p.revents & (POLLOUT | POLLERR)) ret |= MBEDTLS_NET_POLL_WRITE;
  return ret & static_cast<int>(rw);
}

void mbedtls_net_usleep(unsigned long usec) noexcept {
  timespec ts{};
  ts.tv_sec = static_cast<time_t>(usec / 1000000);
  ts.tv_nsec = static_cast<long>((usec % 1000000) * 1000);
  while (nanosleep(&ts, &ts) != 0 && errno == EINTR) {
  }
}

int mbedtls_net_recv(void* ctx, unsigned char* buf, size_t len) noexcept {
  auto* net = static_cast<mbedtls_net_context*>(ctx);
  if (net == nullptr || net->fd < 0) return MBEDTLS_ERR_NET_INVALID_CONTEXT;
  if (buf == nullptr && len > 0) return MBEDTLS_ERR_NET_BAD_INPUT_DATA;
  ssize_t n = recv(net->fd, buf, len > kMaxIo ? kMaxIo : len, 0);
  if (n >= 0) return static_cast<int>(n);
  int err = errno;
  if (would_block(net->fd, err) || err == EINTR) return MBEDTLS_ERR_SSL_WANT_READ;
  if (err == EPIPE || err == ECONNRESET) return MBEDTLS_ERR_NET_CONN_RESET;
  return MBEDTLS_ERR_NET_RECV_FAILED;
}

int mbedtls_net_recv_timeout(void* ctx, unsigned char* buf, size_t len, uint32_t timeout) noexcept {
  auto* net = static_cast<mbedtls_net_context*>(ctx);
  if (net == nullptr || net->fd < 0) return MBEDTLS_ERR_NET_INVALID_CONTEXT;
  pollfd p{};
  p.fd = net->fd;
  p.events = POLLIN;
  int n;
  do {
    n = poll(&p, 1, timeout == 0 ? -1 : static_cast<int>(timeout));
  } while (n < 0 && errno == EINTR);
  if (n == 0) return MBEDTLS_ERR_SSL_TIMEOUT;
  if (n < 0) return MBEDTLS_ERR_NET_RECV_FAILED;
  return mbedtls_net_recv(ctx, buf, len);
}

int mbedtls_net_send(void* ctx, const unsigned char* buf, size_t len) noexcept {
  auto* net = static_cast<mbedtls_net_context*>(ctx);
  if (net == nullptr || net->fd < 0) return MBEDTLS_ERR_NET_INVALID_CONTEXT;
  if (buf == nullptr && len > 0) return MBEDTLS_ERR_NET_BAD_INPUT_DATA;
  ssize_t n = send(net->fd, buf, len > kMaxIo ? kMaxIo : len, MSG_NOSIGNAL);
  if (n >= 0) return static_cast<int>(n);
  int err = errno;
  if (would_block(net->fd, err) || err == EINTR) return MBEDTLS_ERR_SSL_WANT_WRITE;
  if (err == EPIPE || err == ECONNRESET) return MBEDTLS_ERR_NET_CONN_RESET;
  return MBEDTLS_ERR_NET_SEND_FAILED;
}

void mbedtls_net_close(mbedtls_net_context* ctx) noexcept {
  if (ctx == nullptr || ctx->fd < 0) return;
  shutdown(ctx->fd, SHUT_RDWR);
  close(ctx->fd);
  ctx->fd = -1;
}

void mbedtls_net_free(mbedtls_net_context* ctx) noexcept {
  if (ctx == nullptr || ctx->fd < 0) return;
  shutdown(ctx->fd, SHUT_RDWR);
  close(ctx->fd);
  ctx->fd = -1;
}

}  // extern "C"
