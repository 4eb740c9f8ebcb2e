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
    if (n == 0) return Error::want_write;  // a transport that took nothing: never spin
    conn_.consume_output(n);
  }
  return {};
}

Status Stream::pull() {
  // The transport reads straight into the connection's input buffer.
  MutableByteView space = conn_.input_space(kReadSize);
  Result<size_t> n = recv_timeout_ && read_timeout_ms_ != 0 ? recv_timeout_(space, read_timeout_ms_)
                                                            : recv_(space);
  size_t got = n ? *n : 0;
  EMBER_TRY(conn_.commit_input(got));
  if (!n) return n.error();
  if (got == 0) return Error::want_read;
  return {};
}

Status Stream::pull_after(const Status& sent) {
  // Reading goes on even when the transport could not take all our output (sent ==
  // want_write): two peers that both refused to read until their output was gone could
  // deadlock on full buffers. With nothing to read, the pending output is the thing to wait for.
  Status got = pull();
  if (!got && got.error() == Error::want_read && !sent) return sent;
  return got;
}

Status Stream::handshake() {
  while (true) {
    Status st = conn_.handshake();
    Status sent = flush();
    // Fatal: the alert was sent as far as the transport took it (flush() sends the rest);
    // the TLS error says more than a transport error would.
    if (!st && st.error() != Error::want_read) return st;
    if (!sent && sent.error() != Error::want_write) return sent;
    if (st && sent) return st;
    EMBER_TRY(pull_after(sent));
  }
}

Result<size_t> Stream::read(MutableByteView out) {
  while (true) {
    auto n = conn_.read(out);
    Status sent = flush();  // KeyUpdate answers, alerts
    // Data already copied out is delivered; output the transport could not take yet goes
    // with the next call.
    if (n) return n;
    if (n.error() != Error::want_read) return n;  // close_notify, fatal alerts
    if (!sent && sent.error() != Error::want_write) return sent.error();
    EMBER_TRY(pull_after(sent));
  }
}

Result<size_t> Stream::write(ByteView data) {
  // Output of an earlier call still queued: flush it first, and accept nothing new while the
  // transport is busy (bounded buffering; the caller retries the same write on want_write).
  EMBER_TRY(flush());
  EMBER_TRY_ASSIGN(size_t n, conn_.write(data));
  // The data is sealed and counts as written; if the transport is busy now, what is left goes
  // out with the next call (or flush()), so a retry never duplicates records.
  if (Status st = flush(); !st && st.error() != Error::want_write) return st.error();
  return n;
}

Status Stream::close_notify() {
  if (!close_queued_) {  // a retry after want_write only flushes
    EMBER_TRY(conn_.close());
    close_queued_ = true;
  }
  return flush();
}

}  // namespace ember::io
