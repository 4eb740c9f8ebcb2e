// TCP sockets over the loopback interface (every blocking call here is bounded by a timeout).
#include <gtest/gtest.h>

#include <chrono>
#include <cstring>
#include <string>
#include <thread>

#include "ember/io/net.hpp"

namespace ember::io {
namespace {

ByteView bytes_of(const std::string& s) {
  return ByteView(reinterpret_cast<const uint8_t*>(s.data()), s.size());
}

std::string recv_exactly(Socket& s, size_t n) {
  std::string out;
  uint8_t buf[4096];
  while (out.size() < n) {
    if (!s.wait(false, 5000)) return out + "<timeout>";
    auto r = s.recv(MutableByteView(buf, std::min(sizeof buf, n - out.size())));
    if (!r) return out + "<" + std::string(error_name(r.error())) + ">";
    out.append(reinterpret_cast<const char*>(buf), *r);
  }
  return out;
}

struct Connected {
  Socket listener, client, server;
};

Connected connected_pair(const std::string& host = "127.0.0.1") {
  Connected c;
  auto l = Socket::listen(host, 0);
  EXPECT_TRUE(l.ok()) << error_name(l.error());
  if (!l) return c;
  c.listener = std::move(*l);
  EXPECT_NE(c.listener.local_port(), 0);
  auto cl = Socket::connect(host, c.listener.local_port(), 5000);
  EXPECT_TRUE(cl.ok()) << error_name(cl.error());
  if (!cl) return c;
  c.client = std::move(*cl);
  auto sv = c.listener.accept(5000);
  EXPECT_TRUE(sv.ok()) << error_name(sv.error());
  if (sv) c.server = std::move(*sv);
  return c;
}

TEST(Net, EphemeralPortConnectAcceptRoundTrip) {
  auto c = connected_pair();
  ASSERT_TRUE(c.client.valid() && c.server.valid());
  ASSERT_TRUE(c.client.send_all(bytes_of("hello, server")).ok());
  EXPECT_EQ(recv_exactly(c.server, 13), "hello, server");
  ASSERT_TRUE(c.server.send_all(bytes_of("hi")).ok());
  EXPECT_EQ(recv_exactly(c.client, 2), "hi");
}

TEST(Net, Ipv6Loopback) {
  auto c = connected_pair("::1");
  ASSERT_TRUE(c.client.valid() && c.server.valid());
  ASSERT_TRUE(c.client.send_all(bytes_of("v6")).ok());
  EXPECT_EQ(recv_exactly(c.server, 2), "v6");
}

TEST(Net, ConnectByName) {
  auto l = Socket::listen("127.0.0.1", 0);
  ASSERT_TRUE(l.ok());
  // "localhost" may resolve to ::1 first; connect must fall back to 127.0.0.1.
  auto cl = Socket::connect("localhost", l->local_port(), 5000);
  ASSERT_TRUE(cl.ok()) << error_name(cl.error());
  auto sv = l->accept(5000);
  ASSERT_TRUE(sv.ok());
  ASSERT_TRUE(sv->send_all(bytes_of("x")).ok());
  EXPECT_EQ(recv_exactly(*cl, 1), "x");
}

TEST(Net, LargeTransferBothWays) {
  auto c = connected_pair();
  ASSERT_TRUE(c.client.valid() && c.server.valid());
  std::string big(1 << 20, '\0');
  for (size_t i = 0; i < big.size(); ++i) big[i] = static_cast<char>(i * 7 + (i >> 9));
  std::thread sender([&] { EXPECT_TRUE(c.client.send_all(bytes_of(big)).ok()); });
  std::string got = recv_exactly(c.server, big.size());
  sender.join();
  EXPECT_TRUE(got == big);
}

TEST(Net, PeerCloseIsConnectionClosed) {
  auto c = connected_pair();
  ASSERT_TRUE(c.server.valid());
  c.server.close();
  EXPECT_FALSE(c.server.valid());
  ASSERT_TRUE(c.client.wait(false, 5000).ok());
  uint8_t buf[16];
  auto r = c.client.recv(buf);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error(), Error::connection_closed);
}

TEST(Net, ShutdownWriteSignalsEndOfStream) {
  auto c = connected_pair();
  ASSERT_TRUE(c.client.send_all(bytes_of("last")).ok());
  c.client.shutdown_write();
  EXPECT_EQ(recv_exactly(c.server, 4), "last");
  uint8_t buf[4];
  ASSERT_TRUE(c.server.wait(false, 5000).ok());
  auto r = c.server.recv(buf);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error(), Error::connection_closed);
  // The other direction still works.
  ASSERT_TRUE(c.server.send_all(bytes_of("ok")).ok());
  EXPECT_EQ(recv_exactly(c.client, 2), "ok");
}

TEST(Net, NonBlockingRecvWantsRead) {
  auto c = connected_pair();
  ASSERT_TRUE(c.client.set_nonblocking(true).ok());
  uint8_t buf[16];
  auto r = c.client.recv(buf);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error(), Error::want_read);
  ASSERT_TRUE(c.server.send_all(bytes_of("abc")).ok());
  ASSERT_TRUE(c.client.wait(false, 5000).ok());
  r = c.client.recv(buf);
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(*r, 3u);
  // Back to blocking mode: a wait with a timeout reports Error::timeout.
  ASSERT_TRUE(c.client.set_nonblocking(false).ok());
  auto w = c.client.wait(false, 50);
  ASSERT_FALSE(w.ok());
  EXPECT_EQ(w.error(), Error::timeout);
}

TEST(Net, NonBlockingSendWantsWriteWhenBuffersFill) {
  auto c = connected_pair();
  ASSERT_TRUE(c.client.set_nonblocking(true).ok());
  std::string chunk(64 * 1024, 'z');
  size_t sent = 0;
  Error last = Error::ok;
  for (int i = 0; i < 4096; ++i) {  // the peer never reads: kernel buffers fill up
    auto r = c.client.send(bytes_of(chunk));
    if (!r) {
      last = r.error();
      break;
    }
    sent += *r;
  }
  EXPECT_EQ(last, Error::want_write);
  EXPECT_GT(sent, 0u);
  // Not writable until the peer reads.
  auto w = c.client.wait(true, 50);
  EXPECT_FALSE(w.ok());
}

TEST(Net, PollReportsReadinessAndTimesOut) {
  auto c = connected_pair();
  ASSERT_TRUE(c.client.valid() && c.server.valid());
  auto r = c.client.poll(Socket::kReadable | Socket::kWritable, 1000);
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(*r, Socket::kWritable);  // nothing to read yet
  r = c.client.poll(Socket::kReadable, 50);
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(*r, 0u);  // timed out
  ASSERT_TRUE(c.server.send_all(bytes_of("!")).ok());
  r = c.client.poll(Socket::kReadable, 5000);
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(*r, Socket::kReadable);
  Socket none;
  EXPECT_FALSE(none.poll(Socket::kReadable, 10).ok());
}

TEST(Net, AcceptTimesOut) {
  auto l = Socket::listen("127.0.0.1", 0);
  ASSERT_TRUE(l.ok());
  auto start = std::chrono::steady_clock::now();
  auto s = l->accept(100);
  auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() -
                                                                  start)
                .count();
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.error(), Error::timeout);
  EXPECT_GE(ms, 90);
  EXPECT_LT(ms, 3000);
}

TEST(Net, ConnectRefused) {
  uint16_t port;
  {
    auto l = Socket::listen("127.0.0.1", 0);
    ASSERT_TRUE(l.ok());
    port = l->local_port();
  }  // closed: nothing listens there any more
  std::string why;
  auto s = Socket::connect("127.0.0.1", port, 2000, &why);
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.error(), Error::net_connect_failed);
  // Where and why, with the OS's text.
  EXPECT_EQ(why,
            "cannot connect to 127.0.0.1 port " + std::to_string(port) + ": Connection refused");
}

TEST(Net, UnknownHostSaysWhichHost) {
  std::string why;
  auto s = Socket::connect("no-such-host.invalid", 443, 2000, &why);
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.error(), Error::net_unknown_host);
  EXPECT_EQ(why.rfind("cannot resolve host no-such-host.invalid: ", 0), 0u) << why;
}

TEST(Net, ListenOnBusyPortFails) {
  auto l = Socket::listen("127.0.0.1", 0);
  ASSERT_TRUE(l.ok());
  std::string why;
  auto again = Socket::listen("127.0.0.1", l->local_port(), 16, &why);
  ASSERT_FALSE(again.ok());
  EXPECT_EQ(again.error(), Error::net_bind_failed);
  EXPECT_EQ(
      why, "cannot bind 127.0.0.1:" + std::to_string(l->local_port()) + ": Address already in use");
}

TEST(Net, SendToClosedPeerIsAnErrorNotSigpipe) {
  auto c = connected_pair();
  ASSERT_TRUE(c.server.valid());
  c.server.close();
  // The first sends may still succeed (the RST arrives asynchronously); then EPIPE/ECONNRESET.
  std::string chunk(4096, 'q');
  Error last = Error::ok;
  for (int i = 0; i < 1000 && last == Error::ok; ++i) {
    auto r = c.client.send(bytes_of(chunk));
    if (!r) last = r.error();
    std::this_thread::sleep_for(std::chrono::milliseconds(1));
  }
  EXPECT_EQ(last, Error::net_conn_reset);  // and the process is still alive
}

TEST(Net, MoveTransfersOwnership) {
  auto l = Socket::listen("127.0.0.1", 0);
  ASSERT_TRUE(l.ok());
  Socket a = std::move(*l);
  EXPECT_TRUE(a.valid());
  int fd = a.fd();
  Socket b;
  b = std::move(a);
  EXPECT_FALSE(a.valid());
  EXPECT_EQ(b.fd(), fd);
  EXPECT_NE(b.local_port(), 0);
}

}  // namespace
}  // namespace ember::io
