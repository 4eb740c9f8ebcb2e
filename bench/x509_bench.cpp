// Parse + verify of a leaf -> intermediate -> root chain (root in the trust store, parsed
// once), embertls vs Mbed TLS 2.28, for EC P-256 and RSA 2048, plus parse-only and
// verify-only splits.
//
//   ninja -C build-bench x509_bench && build-bench/bench/x509_bench
#include <benchmark/benchmark.h>
#include <mbedtls/x509_crt.h>

#include <string>
#include <vector>

#include "alloc_counter.hpp"
#include "ember/asn1/pem.hpp"
#include "ember/x509/verify.hpp"

namespace {

using namespace ember;

struct ChainDer {
  std::vector<Bytes> chain;  // leaf, intermediate
  Bytes root;
};

Bytes der_of(const std::string& path) {
  auto data = x509::read_file(path);
  if (!data) std::abort();
  auto blocks = asn1::pem_decode_all(
      std::string_view(reinterpret_cast<const char*>(data->data()), data->size()));
  if (!blocks) std::abort();
  return (*blocks)[0].der;
}

ChainDer load(const char* type) {
  std::string dir = std::string(EMBER_SOURCE_DIR) + "/tests/data/pki/" + type + "/";
  return {{der_of(dir + "server.crt"), der_of(dir + "inter.crt")}, der_of(dir + "root.crt")};
}

void BM_ember_parse_verify(benchmark::State& st, const char* type, bool cache) {
  ChainDer d = load(type);
  x509::TrustStore trust;
  trust.set_signature_cache(cache);
  trust.add(*x509::Certificate::parse_der(d.root));
  x509::VerifyOptions opt;
  opt.trust = &trust;
  opt.host = "localhost";
  for (auto _ : st) {
    std::vector<x509::CertPtr> chain;
    for (const auto& c : d.chain) chain.push_back(*x509::Certificate::parse_der(c));
    auto r = x509::verify_chain(chain, opt);
    if (r.flags != 0) st.SkipWithError("verification failed");
    benchmark::DoNotOptimize(r);
  }
}

void BM_mbedtls_parse_verify(benchmark::State& st, const char* type) {
  ChainDer d = load(type);
  mbedtls_x509_crt ca;
  mbedtls_x509_crt_init(&ca);
  mbedtls_x509_crt_parse_der(&ca, d.root.data(), d.root.size());
  for (auto _ : st) {
    mbedtls_x509_crt chain;
    mbedtls_x509_crt_init(&chain);
    for (const auto& c : d.chain) mbedtls_x509_crt_parse_der(&chain, c.data(), c.size());
    uint32_t flags = 0;
    if (mbedtls_x509_crt_verify(&chain, &ca, nullptr, "localhost", &flags, nullptr, nullptr) != 0)
      st.SkipWithError("verification failed");
    mbedtls_x509_crt_free(&chain);
  }
  mbedtls_x509_crt_free(&ca);
}

void BM_ember_parse(benchmark::State& st, const char* type) {
  ChainDer d = load(type);
  for (auto _ : st)
    for (const auto& c : d.chain) benchmark::DoNotOptimize(x509::Certificate::parse_der(c));
}

void BM_mbedtls_parse(benchmark::State& st, const char* type) {
  ChainDer d = load(type);
  for (auto _ : st) {
    mbedtls_x509_crt chain;
    mbedtls_x509_crt_init(&chain);
    for (const auto& c : d.chain) mbedtls_x509_crt_parse_der(&chain, c.data(), c.size());
    mbedtls_x509_crt_free(&chain);
  }
}

// "cold": the trust store's anchor-signature memo disabled, so every run verifies both
// signatures like Mbed TLS does; "warm": the default, where the intermediate's signature by the
// root is remembered from the previous run (the steady state of a client talking to a server).
BENCHMARK_CAPTURE(BM_ember_parse_verify, p256_cold, "p256", false)->Unit(benchmark::kMicrosecond);
BENCHMARK_CAPTURE(BM_ember_parse_verify, p256_warm, "p256", true)->Unit(benchmark::kMicrosecond);
BENCHMARK_CAPTURE(BM_mbedtls_parse_verify, p256, "p256")->Unit(benchmark::kMicrosecond);
BENCHMARK_CAPTURE(BM_ember_parse_verify, rsa2048_cold, "rsa2048", false)
    ->Unit(benchmark::kMicrosecond);
BENCHMARK_CAPTURE(BM_ember_parse_verify, rsa2048_warm, "rsa2048", true)
    ->Unit(benchmark::kMicrosecond);
BENCHMARK_CAPTURE(BM_mbedtls_parse_verify, rsa2048, "rsa2048")->Unit(benchmark::kMicrosecond);
BENCHMARK_CAPTURE(BM_ember_parse, p256, "p256")->Unit(benchmark::kMicrosecond);
BENCHMARK_CAPTURE(BM_mbedtls_parse, p256, "p256")->Unit(benchmark::kMicrosecond);
BENCHMARK_CAPTURE(BM_ember_parse, rsa2048, "rsa2048")->Unit(benchmark::kMicrosecond);
BENCHMARK_CAPTURE(BM_mbedtls_parse, rsa2048, "rsa2048")->Unit(benchmark::kMicrosecond);

}  // namespace

BENCHMARK_MAIN();
