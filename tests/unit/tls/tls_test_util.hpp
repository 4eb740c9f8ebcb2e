// In-memory client/server plumbing for TLS tests.
#pragma once

#include <gtest/gtest.h>

#include <cstdio>
#include <cstdlib>
#include <memory>
#include <string>

#include "ember/tls/connection.hpp"

namespace ember::tls::test {

inline std::string data_path(const std::string& rel) {
  return std::string(EMBER_TEST_DATA_DIR) + "/" + rel;
}

inline CertifiedKey load_pair(const std::string& type, const std::string& role = "server") {
  CertifiedKey ck;
  auto chain = x509::load_certificates_file(data_path("pki/" + type + "/" + role + "-chain.crt"));
  EXPECT_TRUE(chain.ok()) << type;
  if (chain) ck.chain = *chain;
  auto key_bytes = x509::read_file(data_path("pki/" + type + "/" + role + ".key"));
  EXPECT_TRUE(key_bytes.ok());
  auto key = crypto::default_provider().load_private_key(*key_bytes);
  EXPECT_TRUE(key.ok());
  if (key) ck.key = std::shared_ptr<const crypto::PrivateKey>(std::move(*key));
  return ck;
}

inline std::shared_ptr<x509::TrustStore> trust_for(const std::string& type) {
  auto ts = std::make_shared<x509::TrustStore>();
  EXPECT_TRUE(ts->add_file(data_path("pki/" + type + "/ca.crt")).ok());
  return ts;
}

struct Pair {
  std::unique_ptr<Connection> client, server;
  Status client_status, server_status;
};

// Moves bytes between the two until both handshakes end (or nothing moves).
inline void pump(Pair& p, int max_rounds = 50) {
  for (int i = 0; i < max_rounds; ++i) {
    bool moved = false;
    if (!p.client->handshake_done()) p.client_status = p.client->handshake();
    auto co = p.client->pending_output();
    if (!co.empty()) {
      (void)p.server->receive(co);
      p.client->consume_output(co.size());
      moved = true;
    }
    if (!p.server->handshake_done()) p.server_status = p.server->handshake();
    auto so = p.server->pending_output();
    if (!so.empty()) {
      (void)p.client->receive(so);
      p.server->consume_output(so.size());
      moved = true;
    }
    if (!moved && (p.client->handshake_done() || !p.client_status.ok()) &&
        (p.server->handshake_done() || !p.server_status.ok()))
      break;
  }
}

inline Pair connect(std::shared_ptr<Config> client_cfg, std::shared_ptr<Config> server_cfg,
                    const std::string& host = "localhost") {
  Pair p;
  auto c = Connection::client(client_cfg, host);
  auto s = Connection::server(server_cfg);
  EXPECT_TRUE(c.ok()) << error_name(c.error());
  EXPECT_TRUE(s.ok()) << error_name(s.error());
  if (!c || !s) return p;
  p.client = std::move(*c);
  p.server = std::move(*s);
  pump(p);
  return p;
}

inline void enable_trace(Config& cfg, const char* who) {
  if (std::getenv("EMBER_TLS_TRACE") == nullptr) return;
  cfg.debug_level = 4;
  cfg.debug = [who](int, std::string_view t) {
    fprintf(stderr, "[%s] %.*s\n", who, int(t.size()), t.data());
  };
}

inline std::shared_ptr<Config> client_config(const std::string& type) {
  auto cfg = std::make_shared<Config>();
  enable_trace(*cfg, "client");
  cfg->role = Role::client;
  auto ts = trust_for(type);
  cfg->trust = ts.get();
  cfg->trust_owner = ts;
  return cfg;
}

// A server that requires client certificates issued under `type`'s root.
inline void require_client_certificates(Config& server, const std::string& type) {
  server.verify = VerifyMode::required;
  auto ts = trust_for(type);
  server.trust = ts.get();
  server.trust_owner = ts;
}

inline std::shared_ptr<Config> server_config(const std::string& type) {
  auto cfg = std::make_shared<Config>();
  enable_trace(*cfg, "server");
  cfg->role = Role::server;
  cfg->verify = VerifyMode::none;
  cfg->certificates.push_back(load_pair(type));
  return cfg;
}

}  // namespace ember::tls::test
