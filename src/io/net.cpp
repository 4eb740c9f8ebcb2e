// POSIX TCP sockets.
#include "ember/io/net.hpp"

#include <arpa/inet.h>
#include <fcntl.h>
#include <netdb.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <string>

namespace ember::io {

Socket::~Socket() {
  close();
}

Socket& Socket::operator=(Socket&& o) noexcept {
  if (this != &o) {
    close();
    fd_ = o.fd_;
    o.fd_ = -1;
  }
  return *this;
}

void Socket::close() {
  if (fd_ >= 0) ::close(fd_);
  fd_ = -1;
}

void Socket::shutdown_write() {
  if (fd_ >= 0) ::shutdown(fd_, SHUT_WR);
}

Status Socket::set_nonblocking(bool on) {
  int flags = fcntl(fd_, F_GETFL, 0);
  if (flags < 0) return Error::net_socket_failed;
  flags = on ? (flags | O_NONBLOCK) : (flags & ~O_NONBLOCK);
  if (fcntl(fd_, F_SETFL, flags) < 0) return Error::net_socket_failed;
  return {};
}

Status Socket::wait(bool for_write, uint32_t timeout_ms) const {
  pollfd p{fd_, static_cast<short>(for_write ? POLLOUT : POLLIN), 0};
  while (true) {
    int rc = ::poll(&p, 1, timeout_ms == 0 ? -1 : static_cast<int>(timeout_ms));
    if (rc > 0) return {};
    if (rc == 0) return Error::timeout;
    if (errno != EINTR) return Error::net_socket_failed;
  }
}

Result<unsigned> Socket::poll(unsigned events, uint32_t timeout_ms) const {
  if (fd_ < 0) return Error::net_socket_failed;
  short want = 0;
  if (events & kReadable) want |= POLLIN;
  if (events & kWritable) want |= POLLOUT;
  pollfd p{fd_, want, 0};
  while (true) {
    int rc = ::poll(&p, 1, timeout_ms == 0 ? -1 : static_cast<int>(timeout_ms));
    if (rc == 0) return 0u;
    if (rc < 0) {
      if (errno == EINTR) continue;
      return Error::net_socket_failed;
    }
    unsigned ready = 0;
    if ((p.revents & (POLLIN | POLLHUP | POLLERR)) && (events & kReadable)) ready |= kReadable;
    if ((p.revents & (POLLOUT | POLLERR)) && (events & kWritable)) ready |= kWritable;
    if (ready == 0 && (p.revents & POLLNVAL)) return Error::net_socket_failed;
    return ready;
  }
}

namespace {

// "127.0.0.1", "::1": the numeric address of a resolved socket address.
std::string numeric_host(const sockaddr* sa, socklen_t len) {
  char host[NI_MAXHOST] = {};
  if (getnameinfo(sa, len, host, sizeof host, nullptr, 0, NI_NUMERICHOST) != 0) return "?";
  return host;
}

void set_detail(std::string* detail, std::string text) {
  if (detail != nullptr) *detail = std::move(text);
}

std::string os_error(int err) {
  char buf[256];
  return strerror_r(err, buf, sizeof buf);  // GNU form (g++ defines _GNU_SOURCE): the text
}

}  // namespace

Result<Socket> Socket::connect(const std::string& host, uint16_t port, uint32_t timeout_ms,
                               std::string* detail) {
  addrinfo hints{};
  hints.ai_family = AF_UNSPEC;
  hints.ai_socktype = SOCK_STREAM;
  addrinfo* res = nullptr;
  std::string service = std::to_string(port);
  if (int rc = getaddrinfo(host.c_str(), service.c_str(), &hints, &res);
      rc != 0 || res == nullptr) {
    set_detail(detail,
               "cannot resolve host " + host + ": " + (rc != 0 ? gai_strerror(rc) : "no address"));
    return Error::net_unknown_host;
  }
  Error last = Error::net_connect_failed;
  std::string reasons;  // "127.0.0.1: Connection refused; ::1: ..."
  int tried = 0;
  for (addrinfo* ai = res; ai != nullptr; ai = ai->ai_next) {
    ++tried;
    std::string addr = numeric_host(ai->ai_addr, ai->ai_addrlen);
    auto note = [&](const std::string& why) {
      if (!reasons.empty()) reasons += "; ";
      reasons.append(addr).append(": ").append(why);
    };
    Socket s(::socket(ai->ai_family, ai->ai_socktype | SOCK_CLOEXEC, ai->ai_protocol));
    if (!s.valid()) {
      note("cannot create a socket: " + os_error(errno));
      last = Error::net_socket_failed;
      continue;
    }
    (void)s.set_nonblocking(true);
    int rc = ::connect(s.fd_, ai->ai_addr, ai->ai_addrlen);
    int err = rc == 0 ? 0 : errno;
    if (rc != 0 && err == EINPROGRESS) {
      if (!s.wait(true, timeout_ms)) {
        note("no answer within " + std::to_string(timeout_ms) + " ms");
        last = Error::timeout;
        continue;
      }
      err = 0;
      socklen_t len = sizeof err;
      getsockopt(s.fd_, SOL_SOCKET, SO_ERROR, &err, &len);
      rc = err == 0 ? 0 : -1;
    }
    if (rc != 0) {
      note(os_error(err));
      continue;
    }
    (void)s.set_nonblocking(false);
    int one = 1;
    setsockopt(s.fd_, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
    freeaddrinfo(res);
    return s;
  }
  freeaddrinfo(res);
  // One address: "cannot connect to 127.0.0.1 port 4433: Connection refused"; a name with
  // several: "cannot connect to localhost port 4433: ::1: ...; 127.0.0.1: ...".
  std::string target = host + " port " + std::to_string(port);
  std::string prefix = host + ": ";
  if (tried == 1 && reasons.compare(0, prefix.size(), prefix) == 0)
    reasons = reasons.substr(prefix.size());
  set_detail(detail, "cannot connect to " + target + ": " + reasons);
  return last;
}

Result<Socket> Socket::listen(const std::string& host, uint16_t port, int backlog,
                              std::string* detail) {
  addrinfo hints{};
  hints.ai_family = AF_UNSPEC;
  hints.ai_socktype = SOCK_STREAM;
  hints.ai_flags = AI_PASSIVE;
  addrinfo* res = nullptr;
  std::string service = std::to_string(port);
  std::string where = (host.empty() ? std::string("*") : host) + ":" + service;
  if (int rc = getaddrinfo(host.empty() ? nullptr : host.c_str(), service.c_str(), &hints, &res);
      rc != 0 || res == nullptr) {
    set_detail(detail,
               "cannot resolve " + where + ": " + (rc != 0 ? gai_strerror(rc) : "no address"));
    return Error::net_unknown_host;
  }
  Socket s(::socket(res->ai_family, res->ai_socktype | SOCK_CLOEXEC, res->ai_protocol));
  if (!s.valid()) {
    set_detail(detail, "cannot create a socket for " + where + ": " + os_error(errno));
    freeaddrinfo(res);
    return Error::net_socket_failed;
  }
  int one = 1;
  setsockopt(s.fd_, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
  bool ok = ::bind(s.fd_, res->ai_addr, res->ai_addrlen) == 0;
  int err = errno;
  freeaddrinfo(res);
  if (!ok) {
    set_detail(detail, "cannot bind " + where + ": " + os_error(err));
    return Error::net_bind_failed;
  }
  if (::listen(s.fd_, backlog) != 0) {
    set_detail(detail, "cannot listen on " + where + ": " + os_error(errno));
    return Error::net_listen_failed;
  }
  return s;
}

Result<Socket> Socket::accept(uint32_t timeout_ms) const {
  if (timeout_ms != 0) EMBER_TRY(wait(false, timeout_ms));
  while (true) {
    int fd = ::accept4(fd_, nullptr, nullptr, SOCK_CLOEXEC);
    if (fd >= 0) {
      int one = 1;
      setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
      return Socket(fd);
    }
    if (errno != EINTR) return Error::net_accept_failed;
  }
}

uint16_t Socket::local_port() const {
  sockaddr_storage ss{};
  socklen_t len = sizeof ss;
  if (getsockname(fd_, reinterpret_cast<sockaddr*>(&ss), &len) != 0) return 0;
  if (ss.ss_family == AF_INET) return ntohs(reinterpret_cast<sockaddr_in*>(&ss)->sin_port);
  return ntohs(reinterpret_cast<sockaddr_in6*>(&ss)->sin6_port);
}

Result<size_t> Socket::send(ByteView data) {
  while (true) {
    ssize_t n = ::send(fd_, data.data(), data.size(), MSG_NOSIGNAL);
    if (n >= 0) return static_cast<size_t>(n);
    if (errno == EINTR) continue;
    if (errno == EAGAIN || errno == EWOULDBLOCK) return Error::want_write;
    if (errno == ECONNRESET || errno == EPIPE) return Error::net_conn_reset;
    return Error::net_send_failed;
  }
}

Status Socket::send_all(ByteView data) {
  size_t off = 0;
  while (off < data.size()) {
    auto n = send(data.subspan(off));
    if (!n) {
      if (n.error() == Error::want_write) {
        EMBER_TRY(wait(true, 0));
        continue;
      }
      return n.error();
    }
    off += *n;
  }
  return {};
}

Result<size_t> Socket::recv(MutableByteView out) {
  while (true) {
    ssize_t n = ::recv(fd_, out.data(), out.size(), 0);
    if (n > 0) return static_cast<size_t>(n);
    if (n == 0) return Error::connection_closed;
    if (errno == EINTR) continue;
    if (errno == EAGAIN || errno == EWOULDBLOCK) return Error::want_read;
    if (errno == ECONNRESET) return Error::net_conn_reset;
    return Error::net_recv_failed;
  }
}

}  // namespace ember::io
