// Error values have fixed numbers in per-layer ranges (include/ember/core/error.hpp): the C API
// maps them, so a renumbering would be an ABI break. The ranges are checked by name prefix and
// every value keeps its name and message.
#include <gtest/gtest.h>

#include <set>
#include <string>

#include "ember/core/error.hpp"

namespace ember {
namespace {

struct Entry {
  Error e;
  int value;
  const char* name;
};

const Entry kAll[] = {
#define EMBER_ERROR_ENTRY(name, value, text) {Error::name, value, #name},
    EMBER_ERROR_LIST(EMBER_ERROR_ENTRY)
#undef EMBER_ERROR_ENTRY
};

TEST(ErrorNumbers, RangesNamesAndUniqueness) {
  std::set<int> seen;
  for (const Entry& x : kAll) {
    std::string n = x.name;
    EXPECT_EQ(static_cast<int>(x.e), x.value) << n;
    EXPECT_TRUE(seen.insert(x.value).second) << n << " reuses " << x.value;
    EXPECT_EQ(error_name(x.e), n);
    EXPECT_NE(error_message(x.e), "unknown error") << n;
    int range = x.value >> 8;
    int want = n.rfind("asn1_", 0) == 0 || n.rfind("pem_", 0) == 0 ? 1
               : n.rfind("x509_", 0) == 0                          ? 3
               : n.rfind("net_", 0) == 0                           ? 6
                                                                   : range;
    EXPECT_EQ(range, want) << n;
  }
  // A few fixed points, as the C API's table relies on them.
  EXPECT_EQ(static_cast<int>(Error::ok), 0);
  EXPECT_EQ(static_cast<int>(Error::decode_error), 0x001);
  EXPECT_EQ(static_cast<int>(Error::asn1_truncated), 0x100);
  EXPECT_EQ(error_name(static_cast<Error>(0x7fff)), "unknown_error");
}

}  // namespace
}  // namespace ember
