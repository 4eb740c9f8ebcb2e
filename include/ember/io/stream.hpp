// Drives a sans-IO tls::Connection over user transport callbacks — the shape of
// mbedtls_ssl_set_bio: send / recv / recv_timeout may return Error::want_write / want_read
// (non-blocking transports), which every call passes back to the caller to retry later.
#pragma once

#include <cstdint>
#include <functional>

#include "ember/core/export.hpp"
#include "ember/io/net.hpp"
#include "ember/tls/connection.hpp"

namespace ember::io {

class EMBER_API Stream {
 public:
  using SendFn = std::function<Result<size_t>(ByteView)>;
  using RecvFn = std::function<Result<size_t>(MutableByteView)>;
  using RecvTimeoutFn = std::function<Result<size_t>(MutableByteView, uint32_t timeout_ms)>;

  // recv_timeout (with read_timeout_ms) is used instead of recv when both are given.
  Stream(tls::Connection& conn, SendFn send, RecvFn recv, RecvTimeoutFn recv_timeout = {},
         uint32_t read_timeout_ms = 0);
  // Blocking socket transport.
  static Stream for_socket(tls::Connection& conn, Socket& sock, uint32_t read_timeout_ms = 0);

  // Each call first sends queued output, then reads from the transport when the connection
  // needs input (also when the transport could not take all the output: reading is never
  // blocked behind writing). want_read / want_write from the callbacks come back unchanged;
  // want_write means output is still queued (wait until writable and call again). Any other
  // error is final; the alert it queued was sent as far as the transport took it (flush()
  // sends the rest on a non-blocking transport).
  Status handshake();
  Result<size_t> read(MutableByteView out);
  // All of `data` is accepted once it returns a length (records still queued because the
  // transport said want_write go out with the next call or flush()). want_write before
  // anything was accepted: call again with the same data.
  Result<size_t> write(ByteView data);
  // Queues close_notify once and flushes (on want_write, call again: it only flushes).
  Status close_notify();
  // Sends whatever the connection has queued.
  Status flush();
  tls::Connection& connection() { return conn_; }

 private:
  Status pull();  // one transport read into the connection
  Status pull_after(const Status& sent);
  tls::Connection& conn_;
  SendFn send_;
  RecvFn recv_;
  RecvTimeoutFn recv_timeout_;
  uint32_t read_timeout_ms_;
  bool close_queued_ = false;
  static constexpr size_t kReadSize = 16384 + 512;  // one transport read: a record and more
};

}  // namespace ember::io
