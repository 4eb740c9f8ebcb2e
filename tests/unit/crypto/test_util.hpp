// Helpers shared by the crypto tests.
#pragma once

#include <gtest/gtest.h>

#include <fstream>
#include <sstream>
#include <string>

#include "ember/core/bytes.hpp"
#include "ember/crypto/provider.hpp"

namespace ember::test {

inline Bytes hex(std::string_view s) {
  std::string clean;
  for (char c : s)
    if (c != ' ' && c != '\n') clean.push_back(c);
  Bytes out;
  EXPECT_TRUE(from_hex(clean, out)) << "bad hex in test: " << s;
  return out;
}

inline std::string hexs(ByteView b) {
  return to_hex(b);
}

inline Bytes str_bytes(std::string_view s) {
  return Bytes(s.begin(), s.end());
}

inline Bytes read_data_file(const std::string& rel) {
  std::ifstream f(std::string(EMBER_TEST_DATA_DIR) + "/" + rel, std::ios::binary);
  EXPECT_TRUE(f.good()) << "missing test data file " << rel;
  std::stringstream ss;
  ss << f.rdbuf();
  std::string s = ss.str();
  return Bytes(s.begin(), s.end());
}

inline const crypto::Provider& P() {
  return crypto::default_provider();
}

}  // namespace ember::test
