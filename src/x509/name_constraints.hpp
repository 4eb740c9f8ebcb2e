// Name constraints (RFC 5280 §4.2.1.10) and IP literal parsing (private to src/x509/).
#pragma once

#include <optional>
#include <string_view>

#include "ember/x509/certificate.hpp"

namespace ember::x509 {

// True when every name of cert (subject DN, emailAddress attributes, SANs; for the leaf
// without dNSName SANs also a host-like CN) is permitted and none is excluded.
bool satisfies_name_constraints(const Certificate& cert, const NameConstraints& nc, bool is_leaf);

// 4 or 16 bytes for an IPv4/IPv6 literal (optionally in brackets), nullopt otherwise.
std::optional<Bytes> parse_ip_literal(std::string_view host);

}  // namespace ember::x509
