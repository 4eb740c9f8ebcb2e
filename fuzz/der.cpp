// Fuzz target: the strict DER reader. Walks any input as a tree of TLVs, decoding every
// primitive with each typed reader, so every path of the reader sees hostile bytes.
#include <cstddef>
#include <cstdint>

#include "ember/asn1/der.hpp"
#include "ember/asn1/oid.hpp"

namespace {
void walk(ember::asn1::DerReader r) {
  using namespace ember::asn1;
  while (!r.empty()) {
    DerReader probe = r;  // try the typed readers on a copy
    (void)probe.read_int64();
    probe = r;
    (void)probe.read_unsigned_integer();
    probe = r;
    (void)probe.read_time();
    probe = r;
    (void)probe.read_bit_string();
    probe = r;
    if (auto oid = probe.read_oid(); oid.ok()) {
      (void)oid_to_string(*oid);
      (void)oid_lookup(*oid);
    }
    probe = r;
    (void)probe.read_boolean();
    auto tag = r.peek_tag();
    if (tag && (*tag & 0x20) != 0) {
      auto inner = r.enter(*tag);
      if (!inner.ok()) return;
      walk(*inner);
    } else if (!r.read_any().ok()) {
      return;
    }
  }
}
}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  walk(ember::asn1::DerReader(ember::ByteView(data, size)));
  (void)ember::asn1::parse_single(ember::ByteView(data, size));
  return 0;
}
