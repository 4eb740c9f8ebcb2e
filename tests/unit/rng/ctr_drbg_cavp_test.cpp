// CTR_DRBG AES-256 use df: NIST CAVP DRBGVS vectors (CTR_DRBG.rsp, EntropyInputLen 256,
// NonceLen 128, ReturnedBitsLen 128) driven through the entropy-source API the way the
// Mbed TLS 2.28 test suite drives mbedtls_ctr_drbg_*: entropy_len 32, no separate nonce,
// nonce || personalization passed as the personalization string ("custom" data).
#include <gtest/gtest.h>

#include <string_view>
#include <vector>

#include "ember/rng/ctr_drbg.hpp"

namespace ember::rng {
namespace {

// Hands out consecutive 32-byte chunks of one entropy string.
class ChunkEntropy final : public EntropySource {
 public:
  explicit ChunkEntropy(Bytes data) : data_(std::move(data)) {}
  Status gather(MutableByteView out) override {
    ++calls;
    if (pos_ + out.size() > data_.size()) return Error::entropy_failure;
    std::copy_n(data_.begin() + static_cast<std::ptrdiff_t>(pos_), out.size(), out.begin());
    pos_ += out.size();
    return {};
  }
  bool exhausted() const { return pos_ == data_.size(); }
  int calls = 0;

 private:
  Bytes data_;
  size_t pos_ = 0;
};

struct Vector {
  const char* name;
  std::string_view nonce_pers;  // nonce || personalization string
  std::string_view entropy;     // EntropyInput || EntropyInputReseed / EntropyInputPR ...
  std::string_view add1;
  std::string_view add_reseed;  // PR = False only
  std::string_view add2;
  std::string_view returned;
};

// [AES-256 use df] [PredictionResistance = True]: instantiate, then two generates, each
// preceded by a reseed with EntropyInputPR and the additional input.
const std::vector<Vector> kPrTrue = {
    {"pr_0_0_count1", "7be87545266dadd1d73546c0927afc8d",
     "a7f38c750bd6ff41c4e79f5b7dd3024d58ca3f1f4c096486c4a73c4f74a2410c4c9c5143eb8c09df842ba4427f38"
     "5bbf65c350b0bf2c87242c7a23c8c2e0e419e44e500c250f6bc0dc25ec0ce929c4ad5ffb7a87950c618f8cee1af4"
     "831b4b8e",
     "", "", "", "d5b1da77f36ce58510b75dfde71dbd5d"},
    {"pr_0_0_count2", "3771416b162f4d9c5f48a05b7aa73938",
     "d20a0e5cdb714f01b48e00bae51909f345af05de13217e5d55fc6c2d705aea550420d9a458594d825b71e16b3613"
     "0020cf5948fe813462061c1a222d1ff0e1e4b3d21ae8eee31d3260330d668d24ef3c8941b8720e8591b7deec4bd3"
     "5a3a1f1a",
     "", "", "", "3cbd7d53ac1772c959311419adad836e"},
    {"pr_0_256_count0", "14051b57277bc3d3bbae51bdecfb9f5d",
     "82c80d922c47bbec0f664dd623e22a11a3b84d308351e45e30ee286e89547d22c43e17b3ca0fa08f77eef1001ba6"
     "96932e9ee890e7aac4661c138e5b5ce36773d3120c35f8c94e0a78ffbf407a63ca435392e17c07461522fdc1f63f"
     "037aacff",
     "b70e7c1c4b8e0f1770e05b29a93f9d7a6540f23ab84136b05b161d85e5f19251", "",
     "5a737c128bd69f927f8f3ad68f93f6356d5f4ec0e36b6b50ced43dcd5c44dbc2",
     "a4e6c754194a09614994b36ecce33b55"},
    {"pr_0_256_count1", "4526b268128ea35f8558b4e1d08388f2",
     "952f3f179cbbda27ebd30f4fc31bf96baccb2adbaa9c090bc0f37044a44e85b3bc668cd3533faaf56b5da9242844"
     "d65733f7ac1f55c38b175749b88e18d19672b7bdab54e0ababdd4519fb07e0c25578f64ad40d0beb0a26275d5e2f"
     "4906aa70",
     "6b167c7cebea2e585ab974b60c4d305a113102ca8c3dc87651665728c4c675ad", "",
     "a038f1ca1f420eae449791f13be4901bfb91e41e052e02635b1f1817bd8969b1",
     "745ec376282e20fd1f9151f7040ed94a"},
    {"pr_256_0_count0",
     "e09f65dcffc0d3a4d84bacc41617a4e46ce5184eca011049ab657566f728e4aa28315ffac166ebe50e1269b01c95"
     "b3a2",
     "545a783ae97d827ed0b81d9752ad0f7e965f511b1f5dae0f872e9ec37cfe63af86c1d15e153887989b605773b16a"
     "d5505e65f617cfa8ef46547c4c3f9d0c4fd0b6e1cff5ca0f1929266fe43ba8f45ad664cfe5e90903a9cb722b42ae"
     "8989c148",
     "", "", "", "1e77d7cc18775fef9a3d3e00903da01b"},
    {"pr_256_0_count1",
     "056cd44c8847d89da05fbef95e9660d589046b0c02f9b42c17fd8b069f831c73cd896005ec080113589b6f07be6e"
     "42ea",
     "dde6c0850fe642602eb222ca7371213c598cef8c3e71e0593ea8edb54e1bed130b9b0aebe0893093b950c52f56eb"
     "9b338aa4bd01dae030515726ece1bf751660b4a3602da6400e4b94edebba646b5c3d4e64ceea1c4f14b7a19f0142"
     "783247df",
     "", "", "", "a790ab939e63555d02ea1e9696051725"},
    {"pr_256_256_count0",
     "add2bbbab76589c3216c55332b36ffa46ecae72072d3845a32d34b2472c4632b9d12240c23268e8316370bd1064f"
     "686d",
     "6168fc1af0b5956b85099b743f1378493b85ec93133ba94f96ab2ce4c88fdd6a0b23afdff162d7d34397f87704a8"
     "4220bdf60fc1172f9f54bb561786680ebaa9bf6c592a0d440fae9a5e0373d8a6e1cf25613824869e53e8a4df56f4"
     "06079c0f",
     "7e084abbe3217cc923d2f8b07398ba847423ab068ae222d37bce9bd24a76b8de", "",
     "946bc99fab8dc5ec71881d008c8968e4c8077736176d7978c7064e99042829c3",
     "224ab4b8b6ee7db19ec9f9a0d9e29700"},
    {"pr_256_256_count1",
     "8964ebde61f0c4e23f8e91244ae9682ed0b17e424edd4c025b461a2d209a538583f29465df3f89cf04f703b771ff"
     "5c90",
     "4db8e8a27fe7a0378e37d4cc01b6a465d34be91f48c52fdc1023ef2ea1241082f522805bc8777fda6c10e3d441b5"
     "8f648edcd7d4df3df8c8a398d7b005c4fd6f41c9b033bd38fc5f577069251529b58273f6a9175feb3978798fdeb7"
     "8a043232",
     "5eb3fb44784f181852d80fcf7c2e3b8414ae797f7b9b013b59cf86b9d3a19006", "",
     "3eec358f7f9e789e4ad5a78dd73987addbf3ae5b06d826cec2d54425289dc9af",
     "9a66c015d2550e3f78c44b901075fabb"},
};

// [AES-256 use df] [PredictionResistance = False]: instantiate, generate (add1), reseed
// (EntropyInputReseed, AdditionalInputReseed), generate (add2).
const std::vector<Vector> kPrFalse = {
    {"nopr_0_0_count0", "1b54b8ff0642bff521f15c1c0b665f3f",
     "5a194d5e2b31581454def675fb7958fec7db873e5689fc9d03217c68d8033820f9e65e04d856f3a9c44a4cbdc1d0"
     "0846f5983d771c1b137e4e0f9d8ef409f92e",
     "", "", "", "a054303d8a7ea9889d903e077c6f218f"},
    {"nopr_0_0_count1", "90bc3b555b9d6b6aeb1774a583f98cad",
     "93b7055d7888ae234bfb431e379069d00ae810fbd48f2e06c204beae3b0bfaf091d1d0e853525ead0e7f79abb0f0"
     "bf68064576339c3585cfd6d9b55d4f39278d",
     "", "", "", "aaf27fc2bf64b0320dd3564bb9b03377"},
    {"nopr_0_256_count1", "19c3d16197ac93bf58c4110c9e864804",
     "50755cc0178c68ae70befd7744f6f1e3f6a59b3bbe484a744436079c7fae8d83c4965516fb952c63e1d0561d92cc"
     "cc56037465815c9e549c9adce4a064877128",
     "5cb82d2c297404f3db1909480c597dd081d94ca282ba9370786a50f3cbab6a9b",
     "96d130faf1a971920c2bf57bcd6c02d5a4af7d3c840706081e4a50e55f38bf96",
     "1b0d04f179690a30d501e8f6f82201dbab6d972ece2a0edfb5ca66a8c9bcf47d",
     "4628b26492e5cb3b21956d4160f0b911"},
    {"nopr_0_256_count2", "4b1edd0f53bf4e012def80efd740140b",
     "e50c31ebbb735c4a53fc0535647ae1fff7a5ac4fa4068ba90f1fa03ca4ddedecd5b1898d5e38185054b0de7e3480"
     "34b57067a82a478b0057e0c46de4a7280cd9",
     "e7154ec1f7ac369d0bd41238f603b5315314d1dc82f71191de9e74364226eb09",
     "9444238bd27c45128a25d55e0734d3adafecccb2c24abdaa50ac2ca479c3830b",
     "ab2488c8b7e819d8ce5ec1ffb77efc770453970d6b852b496426d5db05c03947",
     "a488a87c04eb1c7586b8141ed45e7761"},
    {"nopr_256_0_count0",
     "cd7a1981c1b7079c1c38f5aeee86db22207cb9faed8c576b1724ca7817aa6abfb26c42a019eb4c2f4064f0587ea2"
     "b952",
     "7f88c3805ae0857c5cbb085a5d6259d26fb3a88dfe7084172ec959066f26296a800953ce19a24785b6acef451c4c"
     "e4c2dfb565cbe057f21b054a28633afbdd97",
     "", "", "", "76c1cdb0b95af271b52ac3b0c9289146"},
    {"nopr_256_0_count1",
     "0ccdac2fd65a86bf8f8e9ddcabffb9d29a935139f627c165a815b23137eeee94cbb21be86ac5117379177d37728d"
     "b6fd",
     "6f61703f92d3192cd982b2e52a8683e0d62918d51b12e084deae06c4a8e08ecfb3d2d30a980a70b083710bc45d9d"
     "407966b52829cf3813cc970b859aa4c871fe",
     "", "", "", "e6c73e159d73c2ba8950cd77acb39c10"},
    {"nopr_256_256_count0",
     "a94da55afdc50ce51c9a3b8a4c4484408b52a24a93c34ea71e1ca705eb829ba65de4d4e07fa3d86b37845ff1c7d5"
     "f6d2",
     "a53e371017439193591e475087aaddd5c1c386cdca0ddb68e002d80fdc401a47dd40e5987b2716731568d276bf0c"
     "6715757903d3dede914642ddd467c879c81e",
     "20f422edf85ca16a01cfbe5f8d6c947fae12a857db2aa9bfc7b36581808d0d46",
     "7fd81fbd2ab51c115d834e99f65ca54020ed388ed59ee07593fe125e5d73fb75",
     "cd2cff14693e4c9efdfe260de986004930bab1c65057772a62392c3b74ebc90d",
     "4f78beb94d978ce9d097feadfafd355e"},
    {"nopr_256_256_count1",
     "e8649d4f86b3de85fe39ff04d7afe6e4dd00770931330b27e975a7b1e7b5206ee2f247d50401a372c3a27197fec5"
     "da46",
     "78d7d65c457218a63e2eb1eba287f121c5466728ac4f963aeaabf593b9d72b6376daea6436e55415ad097dee10c4"
     "0a1ff61fca1c30b8ab51ed11ff090d19ef9a",
     "cc57adc98b2540664403ad6fd50c9042f0bf0e0b54ed33584ee189e072d0fb8f",
     "ab2f99e2d983aa8dd05336a090584f4f84d485a4763e00ced42ddda72483cd84",
     "0ecd7680e2e9f0250a43e28f2f8936d7ef16f45d79c0fa3f69e4fafce4aeb362",
     "08e38625611bb0fb844f43439550bd7a"},
};

TEST(CtrDrbgCavp, PredictionResistanceTrue) {
  for (const Vector& v : kPrTrue) {
    SCOPED_TRACE(v.name);
    ChunkEntropy src(from_hex(v.entropy));
    CtrDrbg d(src);
    d.set_entropy_len(32);
    ASSERT_TRUE(d.set_nonce_len(0).ok());
    d.set_prediction_resistance(true);
    ASSERT_TRUE(d.seed(from_hex(v.nonce_pers)).ok());
    Bytes out(16);
    ASSERT_TRUE(d.generate(out, from_hex(v.add1)).ok());
    ASSERT_TRUE(d.generate(out, from_hex(v.add2)).ok());
    EXPECT_EQ(to_hex(out), v.returned);
    EXPECT_EQ(src.calls, 3);
    EXPECT_TRUE(src.exhausted());
  }
}

TEST(CtrDrbgCavp, PredictionResistanceFalse) {
  for (const Vector& v : kPrFalse) {
    SCOPED_TRACE(v.name);
    ChunkEntropy src(from_hex(v.entropy));
    CtrDrbg d(src);
    d.set_entropy_len(32);
    ASSERT_TRUE(d.set_nonce_len(0).ok());
    ASSERT_TRUE(d.seed(from_hex(v.nonce_pers)).ok());
    Bytes out(16);
    ASSERT_TRUE(d.generate(out, from_hex(v.add1)).ok());
    ASSERT_TRUE(d.reseed(from_hex(v.add_reseed)).ok());
    ASSERT_TRUE(d.generate(out, from_hex(v.add2)).ok());
    EXPECT_EQ(to_hex(out), v.returned);
    EXPECT_EQ(src.calls, 2);
    EXPECT_TRUE(src.exhausted());
  }
}

// The same PR = True vector, but with the caller-supplied entropy (instantiate_with /
// reseed_with) instead of the entropy source: both paths must agree.
TEST(CtrDrbgCavp, ExplicitEntropyPathMatchesSourcePath) {
  const Vector& v = kPrTrue[6];
  Bytes e = from_hex(v.entropy);
  ByteView ev(e);
  ChunkEntropy unused({});
  CtrDrbg d(unused);
  ASSERT_TRUE(d.instantiate_with(ev.first(32), {}, from_hex(v.nonce_pers)).ok());
  Bytes out(16);
  ASSERT_TRUE(d.reseed_with(ev.subspan(32, 32), from_hex(v.add1)).ok());
  ASSERT_TRUE(d.generate(out).ok());
  ASSERT_TRUE(d.reseed_with(ev.subspan(64, 32), from_hex(v.add2)).ok());
  ASSERT_TRUE(d.generate(out).ok());
  EXPECT_EQ(to_hex(out), v.returned);
  EXPECT_EQ(unused.calls, 0);
}

}  // namespace
}  // namespace ember::rng
