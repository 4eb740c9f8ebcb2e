// RFC 5280 §6.1 policy processing. The valid_policy_tree is held as levels (depth 0 = the
// anyPolicy root) of nodes that are unique per valid_policy, each with the indices of its
// parents at the depth above. RFC 5280's tree holds one copy of a subtree per parent instead;
// every question the algorithm asks (is there a node of depth i with policy P, what is its
// expected_policy_set, which nodes are children of an anyPolicy node, is the tree NULL) has the
// same answer in both, because a node's expected_policy_set depends only on its depth and
// valid_policy. Qualifiers are not kept: embertls does not interpret them.
#include "x509/policy.hpp"

#include <algorithm>
#include <cstring>
#include <map>
#include <optional>

#include "ember/asn1/der.hpp"
#include "ember/asn1/oid.hpp"

namespace ember::x509 {

using asn1::OidId;

namespace {

bool is_any(ByteView oid) {
  return asn1::oid_is(oid, OidId::any_policy);
}

bool contains(const std::vector<Bytes>& set, ByteView v) {
  return std::any_of(set.begin(), set.end(), [&](const Bytes& b) {
    return std::equal(b.begin(), b.end(), v.begin(), v.end());
  });
}

std::string dotted(ByteView oid) {
  auto s = asn1::oid_to_string(oid);
  return s ? *s : std::string("(bad OID)");
}

struct Node {
  Bytes policy;
  std::vector<Bytes> expected;
  std::vector<uint32_t> parents;  // indices in the level above
  bool alive = true;
};

// Orders OIDs by their bytes. std::less<Bytes> (vector's <=>) would do the same, but GCC 12 at
// -O3 inlines it into the map and reports a false -Wstringop-overread (the Release build's
// -Werror); memcmp over the common length is what it does anyway.
struct OidLess {
  bool operator()(const Bytes& a, const Bytes& b) const {
    size_t n = std::min(a.size(), b.size());
    int c = n == 0 ? 0 : std::memcmp(a.data(), b.data(), n);
    return c != 0 ? c < 0 : a.size() < b.size();
  }
};

class PolicyTree {
 public:
  PolicyTree() { levels_.push_back({Node{any(), {any()}, {}, true}}); }

  bool null() const { return null_; }
  bool too_large() const { return size_ > kMaxPolicyTreeSize; }
  size_t depth() const { return levels_.size() - 1; }

  // §6.1.3 (d) for certificate i = depth() + 1 with certificatePolicies `policies`.
  void add_certificate_level(const std::vector<Bytes>& policies, bool any_allowed) {
    auto& prev = levels_.back();
    std::vector<Node> cur;
    // expected value -> nodes of the level above that expect it
    std::map<Bytes, std::vector<uint32_t>, OidLess> expecting;
    std::optional<uint32_t> prev_any;
    for (uint32_t k = 0; k < prev.size(); ++k) {
      if (!prev[k].alive) continue;
      if (is_any(prev[k].policy)) prev_any = k;
      for (const auto& e : prev[k].expected) expecting[e].push_back(k);
    }
    bool cert_any = false;
    for (const auto& p : policies) {
      if (is_any(p)) {
        cert_any = true;
        continue;
      }
      auto it = expecting.find(p);
      if (it != expecting.end()) {
        for (uint32_t k : it->second) link(cur, p, k);  // (d)(1)(i)
      } else if (prev_any) {
        link(cur, p, *prev_any);  // (d)(1)(ii)
      }
    }
    if (cert_any && any_allowed) {  // (d)(2)
      for (uint32_t k = 0; k < prev.size(); ++k) {
        if (!prev[k].alive) continue;
        for (const auto& e : prev[k].expected) link(cur, e, k);
      }
    }
    levels_.push_back(std::move(cur));
    prune();  // (d)(3)
  }

  void set_null() {
    null_ = true;
    levels_.resize(1);
  }

  // §6.1.4 (b) for certificate i = depth(): policy_mapping > 0 maps, otherwise deletes.
  void apply_mappings(const std::vector<PolicyMapping>& mappings, bool mapping_allowed) {
    auto& level = levels_.back();
    std::vector<Bytes> done;
    for (const auto& m : mappings) {
      if (contains(done, m.issuer_domain)) continue;
      done.push_back(m.issuer_domain);
      std::vector<Bytes> subjects;
      for (const auto& n : mappings)
        if (n.issuer_domain == m.issuer_domain && !contains(subjects, n.subject_domain))
          subjects.push_back(n.subject_domain);
      Node* node = find(level, m.issuer_domain);
      if (!mapping_allowed) {
        if (node != nullptr) node->alive = false;
        continue;
      }
      if (node != nullptr) {
        node->expected = std::move(subjects);
      } else if (Node* any_node = find_any(level)) {
        // A child of the anyPolicy node of depth i-1, i.e. the parent of the anyPolicy node.
        Node fresh{m.issuer_domain, std::move(subjects), any_node->parents, true};
        size_ += 1 + fresh.parents.size();
        level.push_back(std::move(fresh));
      }
    }
    if (!mapping_allowed) prune();
  }

  // §6.1.5 (g): the intersection with the user-initial-policy-set; returns the
  // user-constrained policy set in the trust anchor's domain.
  std::vector<Bytes> intersect(const std::vector<Bytes>& initial) {
    if (null_) return {};
    const bool user_any =
        std::any_of(initial.begin(), initial.end(), [](const Bytes& b) { return is_any(b); });
    if (!user_any) {
      // (iii)(1)-(2): a child of an anyPolicy node whose policy the user did not ask for goes.
      std::vector<Bytes> node_set;
      for (size_t d = 1; d < levels_.size(); ++d) {
        for (auto& n : levels_[d]) {
          if (!n.alive || is_any(n.policy)) continue;
          auto& parents = n.parents;
          auto from_any = [&](uint32_t k) { return is_any(levels_[d - 1][k].policy); };
          if (std::none_of(parents.begin(), parents.end(), from_any)) continue;
          if (contains(initial, n.policy)) {
            if (!contains(node_set, n.policy)) node_set.push_back(n.policy);
          } else {
            parents.erase(std::remove_if(parents.begin(), parents.end(), from_any), parents.end());
          }
        }
      }
      // (iii)(3): an anyPolicy node at depth n stands for each requested policy not yet seen.
      auto& last = levels_.back();
      if (Node* any_node = find_any(last)) {
        std::vector<uint32_t> any_parents = any_node->parents;
        any_node->alive = false;
        for (const auto& p : initial) {
          if (contains(node_set, p)) continue;
          if (Node* existing = find(last, p)) {
            for (uint32_t k : any_parents) existing->parents.push_back(k);
          } else {
            last.push_back(Node{p, {p}, any_parents, true});
          }
        }
      }
      prune();  // (iii)(4)
      if (null_) return {};
    }
    std::vector<Bytes> out;
    for (size_t d = 1; d < levels_.size(); ++d) {
      for (const auto& n : levels_[d]) {
        if (!n.alive) continue;
        bool from_any = std::any_of(n.parents.begin(), n.parents.end(),
                                    [&](uint32_t k) { return is_any(levels_[d - 1][k].policy); });
        bool counts = is_any(n.policy) ? d == depth() : from_any;
        if (counts && !contains(out, n.policy)) out.push_back(n.policy);
      }
    }
    return out;
  }

 private:
  static Bytes any() {
    ByteView a = asn1::oid_der(OidId::any_policy);
    return Bytes(a.begin(), a.end());
  }
  static Node* find(std::vector<Node>& level, ByteView policy) {
    for (auto& n : level)
      if (n.alive && std::equal(n.policy.begin(), n.policy.end(), policy.begin(), policy.end()))
        return &n;
    return nullptr;
  }
  static Node* find_any(std::vector<Node>& level) {
    for (auto& n : level)
      if (n.alive && is_any(n.policy)) return &n;
    return nullptr;
  }
  // Node `policy` in `cur` gets parent k (created with expected_policy_set {policy}).
  void link(std::vector<Node>& cur, ByteView policy, uint32_t k) {
    Node* n = find(cur, policy);
    if (n == nullptr) {
      cur.push_back(Node{
          Bytes(policy.begin(), policy.end()), {Bytes(policy.begin(), policy.end())}, {}, true});
      n = &cur.back();
      ++size_;
    }
    if (std::find(n->parents.begin(), n->parents.end(), k) != n->parents.end()) return;
    n->parents.push_back(k);
    ++size_;
  }

  // Removes, top down, nodes none of whose parents is alive, and bottom up, nodes above the
  // deepest level that have no child; an empty deepest level makes the tree NULL.
  void prune() {
    for (size_t d = 1; d < levels_.size(); ++d) {
      for (auto& n : levels_[d]) {
        if (!n.alive) continue;
        n.alive = std::any_of(n.parents.begin(), n.parents.end(),
                              [&](uint32_t k) { return levels_[d - 1][k].alive; });
      }
    }
    for (size_t d = levels_.size() - 1; d-- > 0;) {
      std::vector<bool> has_child(levels_[d].size(), false);
      for (const auto& c : levels_[d + 1])
        if (c.alive)
          for (uint32_t k : c.parents) has_child[k] = true;
      for (size_t k = 0; k < levels_[d].size(); ++k)
        if (!has_child[k]) levels_[d][k].alive = false;
    }
    if (!levels_[0][0].alive) set_null();
  }

  std::vector<std::vector<Node>> levels_;
  bool null_ = false;
  size_t size_ = 1;
};

}  // namespace

PolicyOutcome process_policies(std::span<const Certificate* const> path,
                               const PolicyOptions& options) {
  PolicyOutcome out;
  const int n = static_cast<int>(path.size());
  // §6.1.2 (d)-(f)
  int explicit_policy = options.explicit_policy ? 0 : n + 1;
  int inhibit_any = options.inhibit_any_policy ? 0 : n + 1;
  int policy_mapping = options.inhibit_policy_mapping ? 0 : n + 1;
  // Fast path (every TLS handshake takes it): no policy extension on the path and no explicit
  // policy asked for. The tree becomes NULL at the first certificate and nothing can require
  // an explicit policy, so the path is valid for no particular policy: what the steps below
  // give, without their allocations.
  const bool any_policy_extension = std::any_of(path.begin(), path.end(), [](const Certificate* c) {
    return c->has_policies() || !c->policy_mappings().empty() || c->policy_constraints() ||
           c->inhibit_any_policy();
  });
  if (n > 0 && !any_policy_extension && !options.explicit_policy) return out;
  if (n == 0) {  // a trust anchor alone: nothing constrains the user's set
    const bool user_any =
        std::any_of(options.initial_policies.begin(), options.initial_policies.end(),
                    [](const Bytes& b) { return is_any(b); });
    if (user_any) {
      ByteView a = asn1::oid_der(OidId::any_policy);
      out.policies = {Bytes(a.begin(), a.end())};
    } else {
      out.policies = options.initial_policies;
    }
    return out;
  }
  PolicyTree tree;
  std::string null_from;  // the certificate after which no policy was valid
  auto fail = [&](std::string reason) {
    out.ok = false;
    out.reason = std::move(reason);
    out.policies.clear();
    return out;
  };

  for (int i = 1; i <= n; ++i) {
    const Certificate& c = *path[static_cast<size_t>(i - 1)];
    const bool last = i == n;
    const std::string where = "certificate " + std::to_string(i) + " of " + std::to_string(n);
    // §6.1.3 (d), (e)
    const bool was_null = tree.null();
    if (!c.has_policies()) {
      tree.set_null();
    } else if (!tree.null()) {
      tree.add_certificate_level(c.policies(), inhibit_any > 0 || (!last && c.self_issued()));
    }
    if (!was_null && tree.null()) null_from = where;
    if (tree.too_large())
      return fail("policy tree larger than " + std::to_string(kMaxPolicyTreeSize) + " at " + where);
    // §6.1.3 (f)
    if (explicit_policy == 0 && tree.null())
      return fail("no valid policy after " + null_from + " and an explicit policy is required");
    if (last) break;

    // §6.1.4 (a), (b)
    if (!c.policy_mappings().empty()) {
      for (const auto& m : c.policy_mappings())
        if (is_any(m.issuer_domain) || is_any(m.subject_domain))
          return fail("policyMappings maps anyPolicy at " + where);
      if (!tree.null()) {
        tree.apply_mappings(c.policy_mappings(), policy_mapping > 0);
        if (tree.null()) null_from = where + " (policy mapping inhibited)";
      }
      if (tree.too_large())
        return fail("policy tree larger than " + std::to_string(kMaxPolicyTreeSize) + " at " +
                    where);
    }
    // §6.1.4 (h)-(j)
    if (!c.self_issued()) {
      if (explicit_policy != 0) --explicit_policy;
      if (policy_mapping != 0) --policy_mapping;
      if (inhibit_any != 0) --inhibit_any;
    }
    if (const auto& pc = c.policy_constraints()) {
      if (pc->require_explicit_policy && *pc->require_explicit_policy < explicit_policy)
        explicit_policy = *pc->require_explicit_policy;
      if (pc->inhibit_policy_mapping && *pc->inhibit_policy_mapping < policy_mapping)
        policy_mapping = *pc->inhibit_policy_mapping;
    }
    if (auto skip = c.inhibit_any_policy(); skip && *skip < inhibit_any) inhibit_any = *skip;
  }

  // §6.1.5 (a), (b)
  if (explicit_policy != 0) --explicit_policy;
  const auto& leaf_pc = path.back()->policy_constraints();
  if (leaf_pc && leaf_pc->require_explicit_policy == 0) explicit_policy = 0;
  // §6.1.5 (g)
  const bool null_before = tree.null();
  out.policies = tree.intersect(options.initial_policies);
  if (explicit_policy == 0 && out.policies.empty()) {
    if (null_before)
      return fail("no valid policy after " + null_from + " and an explicit policy is required");
    std::string wanted;
    for (const auto& p : options.initial_policies)
      wanted += (wanted.empty() ? "" : ", ") + dotted(p);
    return fail("no policy of the path is in the acceptable set {" + wanted +
                "} and an explicit policy is required");
  }
  return out;
}

}  // namespace ember::x509
