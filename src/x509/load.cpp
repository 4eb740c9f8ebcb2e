// Reading certificates from PEM/DER buffers, files and directories.
#include <dirent.h>

#include <algorithm>
#include <cstdio>
#include <string>

#include "ember/asn1/pem.hpp"
#include "ember/x509/certificate.hpp"

namespace ember::x509 {

Result<Bytes> read_file(const std::string& path, size_t max_size) {
  std::FILE* f = std::fopen(path.c_str(), "rb");
  if (f == nullptr) return Error::file_io_error;
  Bytes out;
  std::array<uint8_t, 16384> buf;
  size_t n;
  while ((n = std::fread(buf.data(), 1, buf.size(), f)) > 0) {
    if (out.size() + n > max_size) {
      std::fclose(f);
      return Error::input_too_large;
    }
    out.insert(out.end(), buf.begin(), buf.begin() + static_cast<long>(n));
  }
  bool err = std::ferror(f) != 0;
  std::fclose(f);
  if (err) return Error::file_io_error;
  return out;
}

Result<std::vector<CertPtr>> parse_certificates(ByteView input) {
  std::vector<CertPtr> out;
  if (asn1::looks_like_pem(input)) {
    std::string_view text(reinterpret_cast<const char*>(input.data()), input.size());
    EMBER_TRY_ASSIGN(auto blocks, asn1::pem_decode_labeled(text, {"CERTIFICATE"}));
    for (const auto& b : blocks) {
      EMBER_TRY_ASSIGN(auto c, Certificate::parse_der(b.der));
      out.push_back(std::move(c));
    }
    return out;
  }
  EMBER_TRY_ASSIGN(auto c, Certificate::parse_der(input));
  out.push_back(std::move(c));
  return out;
}

Result<std::vector<CertPtr>> load_certificates_file(const std::string& path) {
  EMBER_TRY_ASSIGN(auto data, read_file(path));
  return parse_certificates(data);
}

Result<std::vector<CertPtr>> load_certificates_dir(const std::string& path) {
  DIR* d = opendir(path.c_str());
  if (d == nullptr) return Error::file_io_error;
  std::vector<std::string> names;
  while (dirent* e = readdir(d)) {
    std::string n = e->d_name;
    if (n == "." || n == "..") continue;
    names.push_back(path);
    names.back().append("/").append(n);
  }
  closedir(d);
  std::sort(names.begin(), names.end());
  std::vector<CertPtr> out;
  for (const auto& n : names) {
    auto certs = load_certificates_file(n);
    if (!certs) continue;  // like mbedtls_x509_crt_parse_path: skip what does not parse
    for (auto& c : *certs) out.push_back(std::move(c));
  }
  if (out.empty()) return Error::not_found;
  return out;
}

std::string serial_to_string(ByteView serial) {
  std::string out;
  ByteView s = serial;
  if (s.size() > 1 && s[0] == 0) s = s.subspan(1);
  char buf[4];
  for (size_t i = 0; i < s.size(); ++i) {
    std::snprintf(buf, sizeof buf, "%02X", s[i]);
    if (i > 0) out += ':';
    out += buf;
  }
  return out;
}

}  // namespace ember::x509
