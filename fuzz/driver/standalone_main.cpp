// Runs a libFuzzer-style target once over every file named on the command line (directories
// are walked recursively). Used where libFuzzer is not available, and in CI to replay corpora.
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <vector>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size);

namespace {
int run_file(const std::filesystem::path& p) {
  std::ifstream f(p, std::ios::binary);
  if (!f) {
    std::fprintf(stderr, "cannot read %s\n", p.c_str());
    return 1;
  }
  std::vector<uint8_t> data((std::istreambuf_iterator<char>(f)), std::istreambuf_iterator<char>());
  LLVMFuzzerTestOneInput(data.data(), data.size());
  return 0;
}
}  // namespace

int main(int argc, char** argv) {
  // The inputs first, so that progress can say how far the run is.
  std::vector<std::filesystem::path> files;
  for (int i = 1; i < argc; ++i) {
    std::filesystem::path arg(argv[i]);
    if (std::filesystem::is_directory(arg)) {
      for (const auto& e : std::filesystem::recursive_directory_iterator(arg))
        if (e.is_regular_file()) files.push_back(e.path());
    } else {
      files.push_back(arg);
    }
  }
  if (files.empty()) {
    std::fprintf(stderr, "usage: %s FILE|DIR...  (no inputs found)\n", argv[0]);
    return 2;
  }
  // Progress on stderr about ten times per run (and the input about to run, so that a crash
  // report follows the name of the input that caused it).
  const size_t every = files.size() < 10 ? 1 : files.size() / 10;
  auto start = std::chrono::steady_clock::now();
  int failures = 0;
  for (size_t i = 0; i < files.size(); ++i) {
    if (i % every == 0) {
      double s = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
      std::fprintf(stderr, "%s: %zu/%zu inputs (%.1f s), next %s\n", argv[0], i, files.size(), s,
                   files[i].c_str());
    }
    failures += run_file(files[i]);
  }
  std::printf("ran %zu inputs\n", files.size());
  return failures == 0 ? 0 : 1;
}
