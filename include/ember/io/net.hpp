// TCP sockets for the programs and the stream adaptor (becomes mbedtls_net_* later).
#pragma once

#include <cstdint>
#include <string>

#include "ember/core/bytes.hpp"
#include "ember/core/export.hpp"
#include "ember/core/result.hpp"

namespace ember::io {

class EMBER_API Socket {
 public:
  Socket() = default;
  explicit Socket(int fd) : fd_(fd) {}
  ~Socket();
  Socket(Socket&& o) noexcept : fd_(o.fd_) { o.fd_ = -1; }
  Socket& operator=(Socket&& o) noexcept;
  Socket(const Socket&) = delete;
  Socket& operator=(const Socket&) = delete;

  // host may be a name or an IPv4/IPv6 literal; timeout_ms 0 = no timeout. On failure the
  // Error says what failed and, when `detail` is given, *detail says where and why with the
  // OS's text: "cannot connect to 127.0.0.1 port 4433: Connection refused" (one reason per
  // address tried), "cannot resolve host x.test: Name or service not known".
  static Result<Socket> connect(const std::string& host, uint16_t port, uint32_t timeout_ms = 0,
                                std::string* detail = nullptr);
  // Listens on host:port (port 0 picks a free port; see local_port()). *detail on failure:
  // "cannot bind 127.0.0.1:4433: Address already in use".
  static Result<Socket> listen(const std::string& host, uint16_t port, int backlog = 16,
                               std::string* detail = nullptr);
  Result<Socket> accept(uint32_t timeout_ms = 0) const;

  bool valid() const { return fd_ >= 0; }
  int fd() const { return fd_; }
  uint16_t local_port() const;
  Status set_nonblocking(bool on);
  // Waits until readable (or writable); Error::timeout after timeout_ms (0 = forever).
  Status wait(bool for_write, uint32_t timeout_ms) const;
  // mbedtls_net_poll shape: waits for any of `events` (kReadable | kWritable) and returns the
  // ready subset, 0 when timeout_ms passed first (0 = forever). A peer that closed or reset
  // counts as readable (the next recv reports it).
  static constexpr unsigned kReadable = 1, kWritable = 2;
  Result<unsigned> poll(unsigned events, uint32_t timeout_ms) const;

  // Blocking mode: send everything / receive some. Non-blocking: want_write / want_read.
  // recv returns Error::connection_closed at end of stream.
  Result<size_t> send(ByteView data);
  Status send_all(ByteView data);
  Result<size_t> recv(MutableByteView out);
  void shutdown_write();
  void close();

 private:
  int fd_ = -1;
};

}  // namespace ember::io
