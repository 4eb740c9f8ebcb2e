// CTR_DRBG (AES-256, use df): NIST CAVP DRBGVS vectors and Mbed TLS-style behaviour.
#include <gtest/gtest.h>

#include <deque>

#include "ember/rng/ctr_drbg.hpp"

namespace ember::rng {
namespace {

Bytes h(std::string_view s) {
  return from_hex(s);
}

// Hands out queued byte strings; each gather() must ask for exactly the next one's length.
class QueueEntropy final : public EntropySource {
 public:
  std::deque<Bytes> queue;
  int calls = 0;
  bool fail = false;
  Status gather(MutableByteView out) override {
    ++calls;
    if (fail) return Error::entropy_failure;
    if (queue.empty()) {
      for (auto& b : out) b = static_cast<uint8_t>(calls);
      return {};
    }
    Bytes next = queue.front();
    queue.pop_front();
    EXPECT_EQ(next.size(), out.size());
    std::copy_n(next.begin(), std::min(next.size(), out.size()), out.begin());
    return {};
  }
};

// [AES-256 use df] [PredictionResistance = False], no reseed, COUNT = 0: two 512-bit
// generates, the second returned.
TEST(CtrDrbg, CavpNoPredictionResistance) {
  QueueEntropy src;
  CtrDrbg d(src);
  ASSERT_TRUE(
      d.instantiate_with(h("36401940fa8b1fba91a1661f211d78a0b9389a74e5bccfece8d766af1a6d3b14"),
                         h("496f25b0f1301b4f501be30380a137eb"), {})
          .ok());
  Bytes out(64);
  ASSERT_TRUE(d.generate(out).ok());
  ASSERT_TRUE(d.generate(out).ok());
  EXPECT_EQ(to_hex(out),
            "5862eb38bd558dd978a696e6df164782ddd887e7e9a6c9f3f1fbafb78941b535a64912dfd224c6dc7454e5"
            "250b3d97165e16260c2faf1cc7735cb75fb4f07e1d");
}

// Same section with 256-bit additional input on each generate.
TEST(CtrDrbg, CavpAdditionalInput) {
  QueueEntropy src;
  CtrDrbg d(src);
  ASSERT_TRUE(
      d.instantiate_with(h("8148d65d86513ce7d38923ec2f26b9e7c677dcc8997e325b7372619e753ed944"),
                         h("41c71a24d17d974190982bb7515ce7f5"), {})
          .ok());
  Bytes out(64);
  ASSERT_TRUE(
      d.generate(out, h("55b446046c2d14bdd0cdba4b71873fd4762650695a11507949462da8d964ab6a")).ok());
  ASSERT_TRUE(
      d.generate(out, h("91468f1a097d99ee339462ca916cb4a10f63d53850a4f17f598eac490299b02e")).ok());
  EXPECT_EQ(to_hex(out),
            "54603d1a506132bbfa05b153a04f22a1d516cc46323cef15111af221f030f38d6841d4670518b4914a4631"
            "af682e7421dffaac986a38e94d92bfa758e2eb101f");
}

// drbgvectors_pr_false (rev. 1 layout): instantiate with a personalization string, reseed,
// generate twice.
TEST(CtrDrbg, CavpPersonalizationAndReseed) {
  QueueEntropy src;
  CtrDrbg d(src);
  ASSERT_TRUE(
      d.instantiate_with(h("4cfb218673346d9d50c922e49b0dfcd090adf04f5c3ba47327dfcd6fa63a785c"),
                         h("016962a7fd2787a24bf6be47ef3783f1"),
                         h("88eeb8e0e83bf3294bdacd6099ebe4bf55ecd9113f71e5ebcb4575f3d6a68a6b"))
          .ok());
  ASSERT_TRUE(
      d.reseed_with(h("b7ec46072363834a1b0133f2c23891db4f11a68651f23e3a8b1fdc03b192c7e7"), {})
          .ok());
  Bytes out(64);
  ASSERT_TRUE(d.generate(out).ok());
  ASSERT_TRUE(d.generate(out).ok());
  EXPECT_EQ(to_hex(out),
            "a55180a190bef3adaf28f6b795e9f1f3d6dfa1b27dd0467b0c75f5fa931e971475b27cae03a29654e2f409"
            "66ea33643040d1400fe677873af8097c1fe9f00298");
}

// [PredictionResistance = True] with personalization and additional input: every generate
// pulls EntropyInputPR from the source through the normal seed()/generate() path.
TEST(CtrDrbg, CavpPredictionResistanceThroughEntropySource) {
  QueueEntropy src;
  src.queue = {h("534346a3e0baa65d7a51871b6d633a6f1efa9ff55dfde3212c95029adf2387d9"),
               h("0cbe99821509975d824fd826c47d2abc"),
               h("286091709d2e91bfef6654b8449d5e5564b6c2fe1f3e4e6e59fe776461bfb0dc"),
               h("e68e127b2e5b9d6539c26f7e78bec13314e37febdb7105d1d65f0bde23c87d38")};
  CtrDrbg d(src);
  d.set_entropy_len(32);  // nonce length then defaults to 16, gathered after the entropy
  d.set_prediction_resistance(true);
  ASSERT_TRUE(d.seed(h("020d7340569e68d992e6e8ddfbead9f993c74d971e4339fe91074f87e9d7d777")).ok());
  Bytes out(64);
  ASSERT_TRUE(
      d.generate(out, h("f41040eff2a7010287c2a76d7867a66e61299be1e1247a6b22a64b829ada8624")).ok());
  ASSERT_TRUE(
      d.generate(out, h("94efe68e2185646a17bb8a83268142a7b7a02786c1ee90ab8f7399ccf543de26")).ok());
  EXPECT_EQ(to_hex(out),
            "da6389d151e3b2b332fbcc02b2cc5af4f69835e9fbbe19130f91cbf30a3c24580ebfb4311b3487e9d6a61d"
            "e9dc2842c107152158b0e75a932c38e5b8ddff10e6");
  EXPECT_EQ(src.calls, 4);
  EXPECT_TRUE(src.queue.empty());
}

// Older DRBGVS layout, PR = True, 128-bit output.
TEST(CtrDrbg, CavpPredictionResistanceShortOutput) {
  QueueEntropy src;
  CtrDrbg d(src);
  ASSERT_TRUE(
      d.instantiate_with(h("c18081a65d44021619b3f180b1c920026a546f0c7081498b6ea662526d51b1cb"),
                         h("d254fcff021e69d229c9cfad85fa486c"), {})
          .ok());
  Bytes out(16);
  ASSERT_TRUE(
      d.reseed_with(h("583bfad5375ffbc9ff46d219c7223e95459d82e1e7229f633169d26b57474fa3"), {})
          .ok());
  ASSERT_TRUE(d.generate(out).ok());
  ASSERT_TRUE(
      d.reseed_with(h("37c9981c0bfb91314d55b9e91c5a5ee49392cfc52312d5562c4a6effdc10d068"), {})
          .ok());
  ASSERT_TRUE(d.generate(out).ok());
  EXPECT_EQ(to_hex(out), "34011656b429008f3563ecb5f2590723");
}

TEST(CtrDrbg, ReseedIntervalTriggersReseed) {
  QueueEntropy src;
  CtrDrbg d(src);
  d.set_reseed_interval(3);
  ASSERT_TRUE(d.seed().ok());
  EXPECT_EQ(src.calls, 1);  // 48-byte entropy, no separate nonce
  Bytes out(32);
  for (int i = 0; i < 3; ++i) ASSERT_TRUE(d.generate(out).ok());
  EXPECT_EQ(src.calls, 1);
  ASSERT_TRUE(d.generate(out).ok());  // counter exceeded the interval
  EXPECT_EQ(src.calls, 2);
  EXPECT_EQ(d.reseed_counter(), 2u);
}

TEST(CtrDrbg, LimitsAndErrors) {
  QueueEntropy src;
  CtrDrbg d(src);
  Bytes out(16);
  EXPECT_EQ(d.generate(out).error(), Error::bad_state);  // not seeded
  ASSERT_TRUE(d.seed().ok());
  Bytes big(CtrDrbg::kMaxRequest + 1);
  EXPECT_EQ(d.generate(big).error(), Error::drbg_request_too_big);
  Bytes add(CtrDrbg::kMaxInput + 1);
  EXPECT_EQ(d.generate(out, add).error(), Error::drbg_input_too_big);
  EXPECT_TRUE(d.generate(out, Bytes(CtrDrbg::kMaxInput)).ok());
  Bytes max_request(CtrDrbg::kMaxRequest);
  EXPECT_TRUE(d.generate(max_request).ok());
  // update() takes up to MBEDTLS_CTR_DRBG_MAX_SEED_INPUT bytes, like mbedtls_ctr_drbg_update_ret.
  EXPECT_TRUE(d.update(add).ok());
  EXPECT_TRUE(d.update(Bytes(CtrDrbg::kMaxSeedInput)).ok());
  EXPECT_EQ(d.update(Bytes(CtrDrbg::kMaxSeedInput + 1)).error(), Error::drbg_input_too_big);
  // reseed: entropy_len (48) + additional <= 384.
  EXPECT_TRUE(d.reseed(Bytes(CtrDrbg::kMaxSeedInput - 48)).ok());
  EXPECT_EQ(d.reseed(Bytes(CtrDrbg::kMaxSeedInput - 47)).error(), Error::drbg_input_too_big);
  EXPECT_EQ(d.set_nonce_len(0).error(), Error::bad_state);  // already seeded
  // fill() splits large requests instead of failing.
  EXPECT_TRUE(d.fill(big).ok());
  src.fail = true;
  EXPECT_EQ(d.reseed().error(), Error::entropy_failure);
  CtrDrbg fresh(src);
  EXPECT_EQ(fresh.seed().error(), Error::entropy_failure);
  EXPECT_FALSE(fresh.seeded());
}

TEST(CtrDrbg, PersonalizationLimitCountsEntropyAndNonce) {
  QueueEntropy src;
  CtrDrbg d(src);
  d.set_entropy_len(32);  // nonce 16 by default: 384 - 48 = 336 bytes of personalization
  EXPECT_EQ(d.seed(Bytes(337)).error(), Error::drbg_input_too_big);
  EXPECT_EQ(src.calls, 0);
  EXPECT_TRUE(d.seed(Bytes(336)).ok());
  EXPECT_EQ(src.calls, 2);  // entropy, then nonce
  CtrDrbg e(src);
  EXPECT_EQ(e.set_nonce_len(CtrDrbg::kMaxSeedInput + 1).error(), Error::drbg_input_too_big);
}

TEST(CtrDrbg, ZeroEntropyLenMeansDefault) {
  QueueEntropy src;
  src.queue = {Bytes(48, 7)};
  CtrDrbg d(src);
  d.set_entropy_len(0);
  ASSERT_TRUE(d.seed().ok());
  EXPECT_EQ(d.entropy_len(), CtrDrbg::kDefaultEntropyLen);
  EXPECT_EQ(src.calls, 1);
}

// Mbed TLS-style C callback, as the mbedtls_ctr_drbg_seed shim will pass it.
struct CallbackState {
  int calls = 0;
  int fail_at = -1;
};

int counting_entropy(void* ctx, unsigned char* out, size_t len) {
  auto* st = static_cast<CallbackState*>(ctx);
  if (st->calls++ == st->fail_at) return -0x34;  // MBEDTLS_ERR_CTR_DRBG_ENTROPY_SOURCE_FAILED
  for (size_t i = 0; i < len; ++i)
    out[i] = static_cast<uint8_t>(i + static_cast<size_t>(st->calls));
  return 0;
}

TEST(CtrDrbg, CallbackEntropyAndLateSourceBinding) {
  CallbackState st;
  st.fail_at = 2;
  CallbackEntropy cb(counting_entropy, &st);
  QueueEntropy unused;
  CtrDrbg d(unused);
  d.set_entropy_source(cb);
  d.set_prediction_resistance(true);
  ASSERT_TRUE(d.seed().ok());
  Bytes out(16);
  ASSERT_TRUE(d.generate(out).ok());
  EXPECT_EQ(d.generate(out).error(), Error::entropy_failure);  // third callback fails
  EXPECT_EQ(st.calls, 3);
  EXPECT_EQ(unused.calls, 0);
  CallbackEntropy null_cb(nullptr, nullptr);
  d.set_entropy_source(null_cb);
  EXPECT_EQ(d.reseed().error(), Error::entropy_failure);
}

TEST(CtrDrbg, SameEntropySameOutputAndUpdateChangesIt) {
  QueueEntropy s1, s2;
  CtrDrbg a(s1), b(s2);
  ASSERT_TRUE(a.seed(Bytes{'p'}).ok());
  ASSERT_TRUE(b.seed(Bytes{'p'}).ok());
  Bytes x(100), y(100);
  ASSERT_TRUE(a.generate(x).ok());
  ASSERT_TRUE(b.generate(y).ok());
  EXPECT_EQ(x, y);  // deterministic given the entropy
  ASSERT_TRUE(b.update(Bytes{'u'}).ok());
  ASSERT_TRUE(a.generate(x).ok());
  ASSERT_TRUE(b.generate(y).ok());
  EXPECT_NE(x, y);
  // Odd lengths: the tail of the last block is dropped, nothing overruns.
  Bytes odd(33, 0xee);
  ASSERT_TRUE(a.generate(MutableByteView(odd).first(17)).ok());
  EXPECT_EQ(odd[17], 0xee);
}

TEST(CtrDrbg, SystemEntropyInstancesDiffer) {
  CtrDrbg a, b;
  ASSERT_TRUE(a.seed(Bytes{'a'}).ok());
  ASSERT_TRUE(b.seed(Bytes{'a'}).ok());
  Bytes x(32), y(32);
  ASSERT_TRUE(a.fill(x).ok());
  ASSERT_TRUE(b.fill(y).ok());
  EXPECT_NE(x, y);
  ASSERT_TRUE(a.fill(y).ok());
  EXPECT_NE(x, y);  // consecutive outputs differ too
}

}  // namespace
}  // namespace ember::rng
