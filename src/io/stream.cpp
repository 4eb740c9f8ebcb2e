// The callback-driven stream adaptor.
#include "ember/io/stream.hpp"

namespace ember::io {

Stream::Stream(tls::Connection& conn, SendFn send, RecvFn recv, RecvTimeoutFn recv_timeout,
               uint32_t read_timeout_ms)
    : conn_(conn),
      send_(std::move(send)),
      recv_(std::move(recv)),
      recv_timeout_(std::move(recv_timeout)),
      read_timeout_ms_(read_timeout_ms) {}

Stream Stream::for_socket(tls::Connection& conn, Socket& sock, uint32_t read_timeout_ms) {
  return Stream(
      conn, [&sock](ByteView d) { return sock.send(d); },
      [&sock](MutableByteView b) { return sock.recv(b); },
      [&sock](MutableByteView b, uint32_t ms) -> Result<size_t> {
        if (ms != 0) EMBER_TRY(sock.wait(false, ms));
        return sock.recv(b);
      },
      read_timeout_ms);
}

Status Stream::flush() {
  while (!conn_.pending_output().empty()) {
    EMBER_TRY_ASSIGN(size_t n, send_(conn_.pending_output()));
    conn_.consume_output(n);
  }
  return {};
}

Status Stream::pull() {
  Result<size_t> n =
      recv_timeout_ && read_timeout_ms_ != 0 ? recv_timeout_(buf_, read_timeout_ms_) : recv_(buf_);
  if (!n) return n.error();
  return conn_.receive(ByteView(buf_).first(*n));
}

Status Stream::handshake() {
  while (true) {
    Status st = conn_.handshake();
    EMBER_TRY(flush());  // also delivers a fatal alert
    if (st || st.error() != Error::want_read) return st;
    EMBER_TRY(pull());
  }
}

Result<size_t> Stream::read(MutableByteView out) {
  while (true) {
    auto n = conn_.read(out);
    EMBER_TRY(flush());  // KeyUpdate answers, alerts
    if (n || n.error() != Error::want_read) return n;
    EMBER_TRY(pull());
  }
}

Result<size_t> Stream::write(ByteView data) {
  EMBER_TRY_ASSIGN(size_t n, conn_.write(data));
  EMBER_TRY(flush());
  return n;
}

Status Stream::close_notify() {
  EMBER_TRY(conn_.close());
  return flush();
}

}  // namespace ember::io
