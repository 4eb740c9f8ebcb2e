// Certificate policy processing (RFC 5280 §6.1.2-6.1.5): the valid_policy_tree, the
// explicit_policy / policy_mapping / inhibit_anyPolicy counters and the intersection with the
// user-initial-policy-set. Private to src/x509/; verify.cpp calls it once per complete path.
#pragma once

#include <span>
#include <string>
#include <vector>

#include "ember/x509/verify.hpp"

namespace ember::x509 {

struct PolicyOutcome {
  bool ok = true;
  // The user-constrained policy set in the trust anchor's domain (OID contents); {anyPolicy}
  // when every certificate asserted anyPolicy; empty when the valid_policy_tree is NULL.
  std::vector<Bytes> policies;
  std::string reason;  // why the path fails policy processing (empty when ok)
};

// Upper bound on the valid_policy_tree (nodes plus parent links over all depths). The tree is
// kept as one node per (depth, policy) with a list of parents, which gives RFC 5280's results
// without the exponential copies of its literal tree (CVE-2023-0464); a path whose certificates
// would still build more than this is refused rather than evaluated.
constexpr size_t kMaxPolicyTreeSize = 1u << 14;

// path_top_down: the certificates of the prospective path without the trust anchor, the one
// issued by the anchor first and the target certificate last (RFC 5280 §6.1's 1..n).
PolicyOutcome process_policies(std::span<const Certificate* const> path_top_down,
                               const PolicyOptions& options);

}  // namespace ember::x509
