// The Stream adaptor: a scripted mock connection over in-memory pipes (want_read / want_write
// pass-through, flush-before-read, no duplicated records on retry), then real TLS 1.3
// client/server pairs over in-memory pipes and over loopback sockets.
#include <gtest/gtest.h>

#include <deque>
#include <string>
#include <thread>
#include <vector>

#include "ember/io/stream.hpp"
#include "ember/x509/certificate.hpp"

namespace ember::io {
namespace {

// One direction of an in-memory transport. send takes at most `capacity - queued` bytes
// (want_write when full); recv returns want_read when empty, connection_closed once the
// writer closed and everything was read.
struct Pipe {
  std::deque<uint8_t> q;
  size_t capacity = SIZE_MAX;
  bool closed = false;
  std::vector<std::string>* log = nullptr;

  Result<size_t> send(ByteView d) {
    size_t room = capacity - std::min(capacity, q.size());
    if (room == 0) {
      if (log) log->push_back("send:full");
      return Error::want_write;
    }
    size_t n = std::min(room, d.size());
    q.insert(q.end(), d.begin(), d.begin() + static_cast<ptrdiff_t>(n));
    if (log)
      log->push_back("send:" + std::string(d.begin(), d.begin() + static_cast<ptrdiff_t>(n)));
    return n;
  }
  Result<size_t> recv(MutableByteView out) {
    if (log) log->push_back("recv");
    if (q.empty()) return closed ? Error::connection_closed : Error::want_read;
    size_t n = std::min(out.size(), q.size());
    for (size_t i = 0; i < n; ++i) {
      out[i] = q.front();
      q.pop_front();
    }
    return n;
  }
  std::string take() {
    std::string s(q.begin(), q.end());
    q.clear();
    return s;
  }
  void put(const std::string& s) { q.insert(q.end(), s.begin(), s.end()); }
};

// A scripted stand-in for a TLS connection: the handshake sends "HELLO" and completes on
// receiving "WORLD"; application data comes back verbatim; "BYE" from the peer is its
// close_notify; write() frames data as "[data]"; close() queues "BYE".
class MockConnection : public tls::Connection {
 public:
  Status receive(ByteView data) override {
    in_.append(data.begin(), data.end());
    return {};
  }
  MutableByteView input_space(size_t max) override {
    space_.resize(max);
    return space_;
  }
  Status commit_input(size_t n) override {
    if (n > space_.size()) return Error::invalid_argument;
    in_.append(space_.begin(), space_.begin() + static_cast<ptrdiff_t>(n));
    space_.clear();
    return {};
  }
  ByteView pending_output() const override { return as_bytes(out_); }
  void consume_output(size_t n) override { out_.erase(0, n); }
  Status handshake() override {
    if (done_) return {};
    if (!hello_sent_) {
      out_ += "HELLO";
      hello_sent_ = true;
    }
    if (in_.size() < 5) return Error::want_read;
    if (in_.compare(0, 5, "WORLD") != 0) {
      out_ += "ALERT";
      return Error::unexpected_message;
    }
    in_.erase(0, 5);
    done_ = true;
    return {};
  }
  bool handshake_done() const override { return done_; }
  Status handshake_step() override { return handshake(); }
  tls::HandshakeState handshake_state() const override {
    return done_ ? tls::HandshakeState::handshake_over : tls::HandshakeState::hello_request;
  }
  Result<size_t> read(MutableByteView out) override {
    if (in_.empty()) return Error::want_read;
    if (in_.rfind("BYE", 0) == 0) return Error::peer_close_notify;
    size_t n = std::min(out.size(), in_.size());
    size_t bye = in_.find("BYE");
    if (bye != std::string::npos) n = std::min(n, bye);
    std::copy(in_.begin(), in_.begin() + static_cast<ptrdiff_t>(n), out.begin());
    in_.erase(0, n);
    return n;
  }
  Result<size_t> write(ByteView data) override {
    out_ += "[" + std::string(data.begin(), data.end()) + "]";
    return data.size();
  }
  Status close() override {
    out_ += "BYE";
    return {};
  }
  Status key_update(bool) override { return {}; }
  Status renegotiate() override { return Error::bad_state; }
  bool renegotiating() const override { return false; }
  const tls::SessionInfo& info() const override { return info_; }
  std::optional<uint8_t> alert_sent() const override { return std::nullopt; }
  std::optional<uint8_t> alert_received() const override { return std::nullopt; }
  Bytes export_session() const override { return {}; }
  Status set_session(ByteView) override { return {}; }

 private:
  std::string in_, out_;
  Bytes space_;
  bool hello_sent_ = false, done_ = false;
  tls::SessionInfo info_;
};

struct MockRig {
  MockConnection conn;
  Pipe out, in;  // out: what the stream sends; in: what it receives
  std::vector<std::string> log;
  Stream stream{conn, [this](ByteView d) { return out.send(d); },
                [this](MutableByteView b) { return in.recv(b); }};
  MockRig() {
    out.log = &log;
    in.log = &log;
  }
};

std::string read_string(Stream& s, Result<size_t>* last = nullptr) {
  uint8_t buf[64];
  auto r = s.read(buf);
  if (last) *last = r;
  if (!r) return "<" + std::string(error_name(r.error())) + ">";
  return std::string(buf, buf + *r);
}

TEST(StreamMock, HandshakePassesWantReadAndCompletes) {
  MockRig r;
  auto st = r.stream.handshake();
  ASSERT_FALSE(st.ok());
  EXPECT_EQ(st.error(), Error::want_read);
  EXPECT_EQ(r.out.take(), "HELLO");
  r.in.put("WOR");
  st = r.stream.handshake();
  EXPECT_EQ(st.error(), Error::want_read);  // partial input: still waiting
  r.in.put("LD");
  EXPECT_TRUE(r.stream.handshake().ok());
  EXPECT_TRUE(r.conn.handshake_done());
  EXPECT_EQ(r.out.take(), "");  // HELLO was sent exactly once
}

TEST(StreamMock, HandshakeFatalErrorFlushesTheAlert) {
  MockRig r;
  r.in.put("WRONG");
  auto st = r.stream.handshake();
  ASSERT_FALSE(st.ok());
  EXPECT_EQ(st.error(), Error::unexpected_message);
  EXPECT_EQ(r.out.take(), "HELLOALERT");
}

TEST(StreamMock, PartialSendsReportWantWriteAndResume) {
  MockRig r;
  r.out.capacity = 3;
  auto st = r.stream.handshake();
  EXPECT_EQ(st.error(), Error::want_write);
  EXPECT_EQ(r.out.take(), "HEL");
  st = r.stream.handshake();
  EXPECT_EQ(st.error(), Error::want_read);  // rest flushed, then needs input
  EXPECT_EQ(r.out.take(), "LO");
  r.in.put("WORLD");
  ASSERT_TRUE(r.stream.handshake().ok());
}

TEST(StreamMock, SendsPendingOutputBeforeReadingTheTransport) {
  MockRig r;
  r.in.put("WORLD");
  ASSERT_TRUE(r.stream.handshake().ok());
  r.out.take();
  r.out.capacity = 0;
  auto w = r.stream.write(as_bytes("req"));
  ASSERT_TRUE(w.ok());  // accepted, sealed; the transport is full so it stays queued
  EXPECT_EQ(*w, 3u);
  r.log.clear();
  Result<size_t> last = size_t{0};
  read_string(r.stream, &last);
  ASSERT_FALSE(last.ok());
  EXPECT_EQ(last.error(), Error::want_write);  // output still queued, nothing to read
  // It tried to send first, and read anyway (never blocked behind writing).
  EXPECT_EQ(r.log, (std::vector<std::string>{"send:full", "recv"}));
  r.out.capacity = SIZE_MAX;
  r.log.clear();
  read_string(r.stream, &last);
  EXPECT_EQ(last.error(), Error::want_read);
  EXPECT_EQ(r.log, (std::vector<std::string>{"send:[req]", "recv"}));
}

TEST(StreamMock, BlockedOutputDoesNotStopInputFromBeingRead) {
  MockRig r;
  r.in.put("WORLD");
  ASSERT_TRUE(r.stream.handshake().ok());
  r.out.take();
  r.out.capacity = 0;
  ASSERT_TRUE(r.stream.write(as_bytes("x")).ok());  // "[x]" stays queued
  r.in.put("from the transport");
  EXPECT_EQ(read_string(r.stream), "from the transport");
}

TEST(StreamMock, WriteRetryNeverDuplicatesRecords) {
  MockRig r;
  r.in.put("WORLD");
  ASSERT_TRUE(r.stream.handshake().ok());
  r.out.take();
  r.out.capacity = 2;
  ASSERT_TRUE(r.stream.write(as_bytes("x")).ok());  // "[x" sent, "]" queued
  EXPECT_EQ(r.out.take(), "[x");
  r.out.capacity = 0;
  auto w = r.stream.write(as_bytes("y"));  // earlier output still queued: nothing accepted
  ASSERT_FALSE(w.ok());
  EXPECT_EQ(w.error(), Error::want_write);
  r.out.capacity = SIZE_MAX;
  w = r.stream.write(as_bytes("y"));  // the retry
  ASSERT_TRUE(w.ok());
  EXPECT_EQ(r.out.take(), "][y]");
}

TEST(StreamMock, ReadDeliversDataEvenWhenTheTransportCannotTakeOutput) {
  MockRig r;
  r.in.put("WORLD");
  ASSERT_TRUE(r.stream.handshake().ok());
  r.out.take();
  r.out.capacity = 0;
  ASSERT_TRUE(r.stream.write(as_bytes("x")).ok());      // "[x]" stays queued
  ASSERT_TRUE(r.conn.receive(as_bytes("reply")).ok());  // already buffered in the connection
  EXPECT_EQ(read_string(r.stream), "reply");            // not lost behind the want_write
  r.out.capacity = SIZE_MAX;
  EXPECT_EQ(read_string(r.stream), "<want_read>");
  EXPECT_EQ(r.out.take(), "[x]");
}

TEST(StreamMock, CloseNotifyRetryQueuesItOnce) {
  MockRig r;
  r.in.put("WORLD");
  ASSERT_TRUE(r.stream.handshake().ok());
  r.out.take();
  r.out.capacity = 1;
  auto st = r.stream.close_notify();
  EXPECT_EQ(st.error(), Error::want_write);
  EXPECT_EQ(r.out.take(), "B");
  r.out.capacity = SIZE_MAX;
  EXPECT_TRUE(r.stream.close_notify().ok());
  EXPECT_EQ(r.out.take(), "YE");
}

TEST(StreamMock, ZeroByteSendIsWantWriteNotASpin) {
  MockConnection conn;
  int calls = 0;
  Stream s(
      conn,
      [&](ByteView) -> Result<size_t> {
        ++calls;
        return size_t{0};
      },
      [](MutableByteView) -> Result<size_t> { return Error::want_read; });
  auto st = s.handshake();
  EXPECT_EQ(st.error(), Error::want_write);
  EXPECT_EQ(calls, 1);
}

TEST(StreamMock, ReadDeliversDataThenPeerClose) {
  MockRig r;
  r.in.put("WORLDsome dataBYE");
  ASSERT_TRUE(r.stream.handshake().ok());
  EXPECT_EQ(read_string(r.stream), "some data");
  EXPECT_EQ(read_string(r.stream), "<peer_close_notify>");
}

TEST(StreamMock, ReadWaitsForInputAndReportsTransportClose) {
  MockRig r;
  r.in.put("WORLD");
  ASSERT_TRUE(r.stream.handshake().ok());
  EXPECT_EQ(read_string(r.stream), "<want_read>");
  r.in.put("late");
  EXPECT_EQ(read_string(r.stream), "late");
  r.in.closed = true;
  EXPECT_EQ(read_string(r.stream), "<connection_closed>");
}

TEST(StreamMock, CloseNotifyIsFlushed) {
  MockRig r;
  r.in.put("WORLD");
  ASSERT_TRUE(r.stream.handshake().ok());
  r.out.take();
  ASSERT_TRUE(r.stream.close_notify().ok());
  EXPECT_EQ(r.out.take(), "BYE");
}

TEST(StreamMock, RecvTimeoutCallbackGetsTheConfiguredTimeout) {
  MockConnection conn;
  Pipe out;
  std::vector<uint32_t> timeouts;
  int plain_recv_calls = 0;
  Stream s(
      conn, [&](ByteView d) { return out.send(d); },
      [&](MutableByteView) -> Result<size_t> {
        ++plain_recv_calls;
        return Error::want_read;
      },
      [&](MutableByteView, uint32_t ms) -> Result<size_t> {
        timeouts.push_back(ms);
        return Error::timeout;
      },
      250);
  auto st = s.handshake();
  ASSERT_FALSE(st.ok());
  EXPECT_EQ(st.error(), Error::timeout);
  EXPECT_EQ(timeouts, std::vector<uint32_t>{250});
  EXPECT_EQ(plain_recv_calls, 0);
}

// ---- Real TLS 1.3 connections ----

std::string data_path(const std::string& rel) {
  return std::string(EMBER_TEST_DATA_DIR) + "/" + rel;
}

std::shared_ptr<tls::Config> server_config() {
  auto cfg = std::make_shared<tls::Config>();
  cfg->role = tls::Role::server;
  cfg->verify = tls::VerifyMode::none;
  tls::CertifiedKey ck;
  auto chain = x509::load_certificates_file(data_path("pki/p256/server-chain.crt"));
  EXPECT_TRUE(chain.ok());
  if (chain) ck.chain = *chain;
  auto kb = x509::read_file(data_path("pki/p256/server.key"));
  EXPECT_TRUE(kb.ok());
  if (kb) {
    auto key = crypto::default_provider().load_private_key(*kb);
    EXPECT_TRUE(key.ok());
    if (key) ck.key = std::shared_ptr<const crypto::PrivateKey>(std::move(*key));
  }
  cfg->certificates.push_back(std::move(ck));
  return cfg;
}

std::shared_ptr<tls::Config> client_config() {
  auto cfg = std::make_shared<tls::Config>();
  cfg->role = tls::Role::client;
  auto ts = std::make_shared<x509::TrustStore>();
  EXPECT_TRUE(ts->add_file(data_path("pki/p256/ca.crt")).ok());
  cfg->trust = ts.get();
  cfg->trust_owner = ts;
  return cfg;
}

bool retryable(Error e) {
  return e == Error::want_read || e == Error::want_write;
}

// Client and server Streams over two in-memory pipes of the given capacity, driven
// alternately like two non-blocking event loops.
void run_pipe_pair(size_t capacity) {
  auto c = tls::Connection::client(client_config(), "localhost");
  auto s = tls::Connection::server(server_config());
  ASSERT_TRUE(c.ok() && s.ok());
  Pipe c2s, s2c;
  c2s.capacity = s2c.capacity = capacity;
  Stream cs(
      **c, [&](ByteView d) { return c2s.send(d); }, [&](MutableByteView b) { return s2c.recv(b); });
  Stream ss(
      **s, [&](ByteView d) { return s2c.send(d); }, [&](MutableByteView b) { return c2s.recv(b); });
  Status cst = Error::want_read, sst = Error::want_read;
  for (int i = 0; i < 20000 && (!cst.ok() || !sst.ok()); ++i) {
    if (!cst.ok()) {
      cst = cs.handshake();
    } else {  // done: a client reads on (it would take the server's NewSessionTicket)
      uint8_t drain[64];
      auto r = cs.read(drain);
      ASSERT_FALSE(r.ok());
      ASSERT_EQ(r.error(), Error::want_read);
    }
    if (!sst.ok()) sst = ss.handshake();
    ASSERT_TRUE(cst.ok() || retryable(cst.error())) << error_name(cst.error());
    ASSERT_TRUE(sst.ok() || retryable(sst.error())) << error_name(sst.error());
  }
  ASSERT_TRUE(cst.ok() && sst.ok()) << error_name(cst.error()) << " " << error_name(sst.error());
  EXPECT_EQ((*c)->info().verify_flags, 0u);

  // A request bigger than one record each way.
  std::string request(40000, 'r'), reply(50000, 'p');
  std::string got_request, got_reply;
  size_t req_off = 0, rep_off = 0;
  uint8_t buf[4096];
  for (int i = 0;
       i < 200000 && (got_request.size() < request.size() || got_reply.size() < reply.size());
       ++i) {
    if (req_off < request.size()) {
      auto w = cs.write(as_bytes(std::string_view(request).substr(req_off, 3000)));
      if (w)
        req_off += *w;
      else
        ASSERT_TRUE(retryable(w.error())) << error_name(w.error());
    } else if (auto f = cs.flush(); !f) {
      ASSERT_TRUE(retryable(f.error()));
    }
    auto r = ss.read(buf);
    if (r)
      got_request.append(buf, buf + *r);
    else
      ASSERT_TRUE(retryable(r.error())) << error_name(r.error());
    if (got_request.size() == request.size() && rep_off < reply.size()) {
      auto w = ss.write(as_bytes(std::string_view(reply).substr(rep_off, 5000)));
      if (w)
        rep_off += *w;
      else
        ASSERT_TRUE(retryable(w.error())) << error_name(w.error());
    } else if (auto f = ss.flush(); !f) {
      ASSERT_TRUE(retryable(f.error()));
    }
    auto r2 = cs.read(buf);
    if (r2)
      got_reply.append(buf, buf + *r2);
    else
      ASSERT_TRUE(retryable(r2.error())) << error_name(r2.error());
  }
  EXPECT_TRUE(got_request == request);
  EXPECT_TRUE(got_reply == reply);

  // close_notify from the client reaches the server as peer_close_notify.
  Status cl = Error::want_write;
  for (int i = 0; i < 1000 && !cl.ok(); ++i) {
    cl = cs.close_notify();
    if (!cl.ok()) {
      ASSERT_EQ(cl.error(), Error::want_write);
      (void)ss.read(buf);
    }
  }
  ASSERT_TRUE(cl.ok());
  Result<size_t> end = Error::want_read;
  for (int i = 0; i < 1000 && !end.ok() && end.error() == Error::want_read; ++i) end = ss.read(buf);
  ASSERT_FALSE(end.ok());
  EXPECT_EQ(end.error(), Error::peer_close_notify);
}

TEST(StreamTls, PairOverUnboundedPipes) {
  run_pipe_pair(SIZE_MAX);
}

// The client does not trust the server: its handshake fails with a TLS error at once, and
// flush() then gets the alert to the server through a transport that takes 3 bytes at a time
// (while the server's own output is stuck: it still notices the alert).
TEST(StreamTls, FatalAlertGetsThroughATinyPipe) {
  auto ccfg = std::make_shared<tls::Config>();
  ccfg->role = tls::Role::client;
  auto ts = std::make_shared<x509::TrustStore>();
  ASSERT_TRUE(ts->add_file(data_path("pki/p384/ca.crt")).ok());  // the wrong root
  ccfg->trust = ts.get();
  ccfg->trust_owner = ts;
  auto c = tls::Connection::client(ccfg, "localhost");
  auto s = tls::Connection::server(server_config());
  ASSERT_TRUE(c.ok() && s.ok());
  Pipe c2s, s2c;
  c2s.capacity = s2c.capacity = 3;
  Stream cs(
      **c, [&](ByteView d) { return c2s.send(d); }, [&](MutableByteView b) { return s2c.recv(b); });
  Stream ss(
      **s, [&](ByteView d) { return s2c.send(d); }, [&](MutableByteView b) { return c2s.recv(b); });
  Status cst = Error::want_read, sst = Error::want_read;
  for (int i = 0; i < 100000; ++i) {
    if (!cst.ok() && retryable(cst.error()))
      cst = cs.handshake();
    else
      (void)cs.flush();  // failed: the rest of the alert goes out as the transport allows
    if (!sst.ok() && retryable(sst.error())) sst = ss.handshake();
    if (!retryable(cst.error()) && !retryable(sst.error())) break;
  }
  ASSERT_FALSE(cst.ok());
  EXPECT_FALSE(retryable(cst.error())) << error_name(cst.error());
  EXPECT_NE((*c)->info().verify_flags, 0u);
  ASSERT_FALSE(sst.ok());
  EXPECT_EQ(sst.error(), Error::peer_alert) << error_name(sst.error());
  EXPECT_TRUE((*s)->alert_received().has_value());
  EXPECT_EQ((*c)->alert_sent(), (*s)->alert_received());
}

TEST(StreamTls, PairOverTinyPipesWantWriteEverywhere) {
  run_pipe_pair(7);
}

TEST(StreamTls, ForSocketOverLoopback) {
  auto listener = Socket::listen("127.0.0.1", 0);
  ASSERT_TRUE(listener.ok());
  uint16_t port = listener->local_port();
  std::string server_error;
  std::thread server([&] {
    auto sock = listener->accept(5000);
    if (!sock) {
      server_error = "accept";
      return;
    }
    auto conn = tls::Connection::server(server_config());
    if (!conn) {
      server_error = "server";
      return;
    }
    auto st = Stream::for_socket(**conn, *sock, 5000);
    if (!st.handshake()) {
      server_error = "handshake";
      return;
    }
    uint8_t buf[256];
    while (true) {  // echo until close_notify
      auto r = st.read(buf);
      if (!r) {
        if (r.error() != Error::peer_close_notify)
          server_error = std::string(error_name(r.error()));
        break;
      }
      if (!st.write(ByteView(buf, *r))) {
        server_error = "write";
        break;
      }
    }
    (void)st.close_notify();
  });
  auto sock = Socket::connect("127.0.0.1", port, 5000);
  ASSERT_TRUE(sock.ok());
  auto conn = tls::Connection::client(client_config(), "localhost");
  ASSERT_TRUE(conn.ok());
  auto st = Stream::for_socket(**conn, *sock, 5000);
  ASSERT_TRUE(st.handshake().ok());
  EXPECT_EQ((*conn)->info().verify_flags, 0u);
  ASSERT_TRUE(st.write(as_bytes("ping over tcp")).ok());
  std::string got;
  uint8_t buf[256];
  while (got.size() < 13) {
    auto r = st.read(buf);
    ASSERT_TRUE(r.ok()) << error_name(r.error());
    got.append(buf, buf + *r);
  }
  EXPECT_EQ(got, "ping over tcp");
  ASSERT_TRUE(st.close_notify().ok());
  auto end = st.read(buf);
  ASSERT_FALSE(end.ok());
  EXPECT_TRUE(end.error() == Error::peer_close_notify || end.error() == Error::connection_closed)
      << error_name(end.error());
  server.join();
  EXPECT_EQ(server_error, "");
}

}  // namespace
}  // namespace ember::io
