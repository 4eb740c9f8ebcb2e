// The stream record layer: see stream_layer.hpp.
#include "tls/record/stream_layer.hpp"

#include <algorithm>
#include <array>
#include <cstring>

#include "ember/core/secret.hpp"

namespace ember::tls::record {

namespace {
constexpr uint8_t kChangeCipherSpec = 20;
constexpr uint8_t kAlert = 21;
constexpr uint8_t kApplicationData = 23;
}  // namespace

StreamLayer::~StreamLayer() {
  secure_zero(other_.data(), other_.size());  // a post-handshake message's plaintext
}

// ---------------------------------------------------------------------------------------------
// Input

void StreamLayer::receive(ByteView data) {
  compact_input();
  // resize + memcpy: insert() would construct byte by byte through the custom allocator.
  size_t at = in_.size();
  in_.resize(at + data.size());
  if (!data.empty()) std::memcpy(in_.data() + at, data.data(), data.size());
}

MutableByteView StreamLayer::input_space(size_t max) {
  compact_input();
  in_space_at_ = in_.size();
  in_.resize(in_space_at_ + max);  // not zero-filled (RecordBuffer)
  return {in_.data() + in_space_at_, max};
}

Status StreamLayer::commit_input(size_t n) {
  if (in_space_at_ == kNoInputSpace) return Error::bad_state;
  if (n > in_.size() - in_space_at_) {
    drop_input_space();
    return Error::invalid_argument;
  }
  in_.resize(in_space_at_ + n);
  in_space_at_ = kNoInputSpace;
  return {};
}

void StreamLayer::drop_input_space() {
  if (in_space_at_ == kNoInputSpace) return;
  in_.resize(in_space_at_);
  in_space_at_ = kNoInputSpace;
}

// Drops the input already consumed (records opened, or application data read out) so that
// only the unread rest stays: a transport whose reads never end on a record boundary would
// otherwise make in_ hold the whole stream. Costs a move of less than one record.
void StreamLayer::compact_input() {
  drop_input_space();
  size_t keep = application_data_pending() ? std::min(app_off_, in_pos_) : in_pos_;
  if (keep == 0) return;
  if (keep < in_.size()) std::memmove(in_.data(), in_.data() + keep, in_.size() - keep);
  in_.resize(in_.size() - keep);
  in_pos_ -= keep;
  if (application_data_pending()) {
    app_off_ -= keep;
    app_end_ -= keep;
  } else {
    app_off_ = app_end_ = 0;
  }
}

// When everything received has been consumed, the buffer is emptied (its capacity kept).
void StreamLayer::release_consumed() {
  if (in_pos_ == in_.size() && !application_data_pending()) {
    in_.clear();
    in_pos_ = 0;
    app_off_ = app_end_ = 0;
  }
}

Result<Record> StreamLayer::next_record() {
  drop_input_space();
  if (in_.size() - in_pos_ < kHeaderSize) {
    release_consumed();
    return Error::want_read;
  }
  uint8_t* header = in_.data() + in_pos_;
  Header h = read_header(header);
  if ((h.version >> 8) != 0x03) return Error::tls_decode_error;
  if (h.length > (mode_ == Mode::tls12 ? kMaxCiphertext12 : kMaxCiphertext13))
    return Error::record_overflow;
  if (in_.size() - in_pos_ < kHeaderSize + h.length) return Error::want_read;
  MutableByteView fragment(header + kHeaderSize, h.length);
  in_pos_ += kHeaderSize + h.length;
  return open_record(h, header, fragment);
}

Result<Record> StreamLayer::open_record(const Header& h, uint8_t* header,
                                        MutableByteView fragment) {
  Protection* p = read_.protection.get();
  // TLS 1.3 never protects change_cipher_spec: it passes as it came (RFC 8446 §5).
  if (p == nullptr || (mode_ == Mode::tls13 && h.type == kChangeCipherSpec)) {
    if (h.type == kApplicationData) return Error::unexpected_message;  // data before keys
    if (h.type != kChangeCipherSpec && h.length > kMaxPlaintext) return Error::record_overflow;
    return Record{h.type, fragment, false};
  }
  // TLS 1.3: a plaintext alert from a peer that gave up before it had keys is passed up as
  // such (unprotected); the connection ends without answering it.
  if (mode_ == Mode::tls13 && h.type == kAlert && h.length == 2)
    return Record{h.type, fragment, false};
  RecordContext ctx{read_.seq++, h.type, h.version, ByteView(header, kHeaderSize)};
  if (mode_ == Mode::tls12) {
    EMBER_TRY_ASSIGN(auto plain, p->open(ctx, fragment));
    if (plain.size() > receive_limit_) return Error::record_overflow;
    return Record{h.type, plain, true};
  }
  if (h.type != kApplicationData) return Error::unexpected_message;
  EMBER_TRY_ASSIGN(auto plain, p->open(ctx, fragment));
  return inner_plaintext13(plain);
}

// TLSInnerPlaintext (RFC 8446 §5.2, §5.4): content || type || zeros. More than 2^14 + 1 bytes
// in all, or a content over the limit we advertised (RFC 8449), is record_overflow; an inner
// plaintext of zeros only (no type) is unexpected_message.
Result<Record> StreamLayer::inner_plaintext13(MutableByteView plain) const {
  if (plain.size() > kMaxInnerPlaintext13) return Error::record_overflow;
  size_t end = plain.size();
  while (end > 0 && plain[end - 1] == 0) --end;  // strip padding
  if (end == 0) return Error::unexpected_message;
  if (end > receive_limit_) return Error::record_overflow;
  return Record{plain[end - 1], plain.first(end - 1), true};
}

void StreamLayer::hold_application_data(const Record& r) {
  app_off_ = static_cast<size_t>(r.fragment.data() - in_.data());
  app_end_ = app_off_ + r.fragment.size();
}

size_t StreamLayer::read_application_data(MutableByteView out) {
  size_t n = std::min(out.size(), app_end_ - app_off_);
  if (n > 0) std::memcpy(out.data(), in_.data() + app_off_, n);  // out may be a null span
  app_off_ += n;
  release_consumed();
  return n;
}

namespace {
StreamLayer::Direct direct_failed(Error e) {
  return {StreamLayer::Direct::Kind::failed, e, 0};
}
StreamLayer::Direct direct_data(size_t n) {
  return {StreamLayer::Direct::Kind::app_data, Error::ok, n};
}
}  // namespace

StreamLayer::Direct StreamLayer::read_direct(MutableByteView out) {
  drop_input_space();
  if (read_.protection == nullptr || in_.size() - in_pos_ < kHeaderSize) return {};
  return mode_ == Mode::tls13 ? read_direct13(out) : read_direct12(out);
}

// Opens the next record straight into the caller's buffer when it is a whole TLS 1.3
// application_data record that fits: one copy less than opening in place and copying out.
StreamLayer::Direct StreamLayer::read_direct13(MutableByteView out) {
  if (out.empty()) return {};
  uint8_t* header = in_.data() + in_pos_;
  Header h = read_header(header);
  auto inner_size = read_.protection->plaintext_size(h.length);
  if (h.type != kApplicationData || (h.version >> 8) != 0x03 || h.length > kMaxCiphertext13 ||
      !inner_size || in_.size() - in_pos_ < kHeaderSize + h.length)
    return {};
  size_t inner = *inner_size;
  // The record's end (its content type, padding, or content the caller has no room for) may
  // spill into a small scratch buffer: a caller reading 16 KiB gets a full record directly.
  std::array<uint8_t, 256> spill;
  // A small record opens wholly into the scratch buffer: one cipher update and a memcpy cost
  // less than two updates.
  size_t head = inner <= spill.size() ? 0 : std::min(inner, out.size());
  size_t extra = inner - head;
  if (extra > spill.size()) return {};
  in_pos_ += kHeaderSize + h.length;
  RecordContext ctx{read_.seq++, h.type, h.version, ByteView(header, kHeaderSize)};
  MutableByteView plain = out.first(head);
  MutableByteView rest(spill.data(), extra);
  Status opened =
      read_.protection->open_to(ctx, ByteView(header + kHeaderSize, h.length), plain, rest);
  auto finish = [&](Direct r) {
    if (extra > 0) secure_zero(spill.data(), extra);  // a plaintext copy on the stack
    release_consumed();
    return r;
  };
  if (!opened) return finish(direct_failed(opened.error()));
  auto at = [&](size_t i) { return i < head ? plain[i] : rest[i - head]; };
  if (inner > kMaxInnerPlaintext13) return finish(direct_failed(Error::record_overflow));
  size_t end = inner;
  while (end > 0 && at(end - 1) == 0) --end;  // strip padding
  if (end == 0) return finish(direct_failed(Error::unexpected_message));
  if (end > receive_limit_) return finish(direct_failed(Error::record_overflow));
  uint8_t type = at(end - 1);
  size_t length = end - 1;
  if (type == kApplicationData) {
    if (length <= head) return finish(direct_data(length));
    size_t more = std::min(length - head, out.size() - head);
    if (more > 0) std::memcpy(out.data() + head, spill.data(), more);
    if (size_t left = length - head - more; left > 0) {
      // More content than the caller's buffer holds: the rest waits in the consumed ciphertext.
      std::memcpy(header + kHeaderSize, spill.data() + more, left);
      app_off_ = static_cast<size_t>(header + kHeaderSize - in_.data());
      app_end_ = app_off_ + left;
    }
    return finish(direct_data(head + more));
  }
  // Another inner type: its plaintext moves to other_, and is wiped from the caller's buffer.
  secure_zero(other_.data(), other_.size());
  other_.resize(length);
  size_t from_head = std::min(head, length);
  if (from_head > 0) std::memcpy(other_.data(), plain.data(), from_head);
  if (length > from_head) std::memcpy(other_.data() + from_head, spill.data(), length - from_head);
  if (!plain.empty()) secure_zero(plain.data(), plain.size());
  other_record_ = Record{type, MutableByteView(other_), true};
  return finish({Direct::Kind::other, Error::ok, 0});
}

// Opens the next application_data record straight into the caller's buffer (AEAD suites).
StreamLayer::Direct StreamLayer::read_direct12(MutableByteView out) {
  uint8_t* header = in_.data() + in_pos_;
  Header h = read_header(header);
  auto n = read_.protection->plaintext_size(h.length);
  if (h.type != kApplicationData || (h.version >> 8) != 0x03 || h.length > kMaxCiphertext12 || !n ||
      in_.size() - in_pos_ < kHeaderSize + h.length || *n > out.size())
    return {};
  in_pos_ += kHeaderSize + h.length;
  RecordContext ctx{read_.seq++, h.type, h.version, ByteView(header, kHeaderSize)};
  Status opened =
      read_.protection->open_to(ctx, ByteView(header + kHeaderSize, h.length), out.first(*n), {});
  release_consumed();
  if (!opened) return direct_failed(opened.error());
  if (*n > receive_limit_) return direct_failed(Error::record_overflow);
  return direct_data(*n);
}

// ---------------------------------------------------------------------------------------------
// Output

void StreamLayer::consume_output(size_t n) {
  out_pos_ += std::min(n, out_.size() - out_pos_);
  if (out_pos_ == out_.size()) {
    out_.clear();  // keeps capacity: no allocation per record in steady state
    out_pos_ = 0;
  }
}

Status StreamLayer::send(uint8_t type, ByteView data) {
  size_t max = send_limit_;
  if (write_.protection) max = std::min(max, peer_record_limit_ - 1);
  size_t off = 0;
  do {  // an empty write is one empty record
    size_t n = std::min(max, data.size() - off);
    EMBER_TRY(seal_record(type, data.subspan(off, n)));
    off += n;
  } while (off < data.size());
  return {};
}

Status StreamLayer::send_unprotected(uint8_t type, ByteView data) {
  Direction saved = std::move(write_);
  write_ = Direction{};
  Status st = send(type, data);
  write_ = std::move(saved);
  return st;
}

Status StreamLayer::seal_record(uint8_t type, ByteView chunk) {
  size_t n = chunk.size();
  size_t start = out_.size();
  Protection* p = write_.protection.get();
  if (p == nullptr) {
    out_.resize(start + kHeaderSize + n);
    write_header(out_.data() + start, type, plaintext_version_, n);
    if (n > 0) std::memcpy(out_.data() + start + kHeaderSize, chunk.data(), n);
    return {};
  }
  uint8_t outer = mode_ == Mode::tls13 ? kApplicationData : type;
  size_t inner = mode_ == Mode::tls13 ? n + 1 : n;
  if (mode_ == Mode::tls13 && padding_block_ > 1 && type != kAlert) {
    size_t cap = std::min(kMaxInnerPlaintext13, peer_record_limit_);
    inner = std::min(cap, (inner + padding_block_ - 1) / padding_block_ * padding_block_);
  }
  size_t frag = p->sealed_size(inner);
  out_.resize(start + kHeaderSize + frag);
  uint8_t* header = out_.data() + start;
  write_header(header, outer, kVersion12, frag);
  RecordContext ctx{write_.seq++, outer, kVersion12, ByteView(header, kHeaderSize)};
  MutableByteView body(header + kHeaderSize, frag);
  Status st;
  if (mode_ == Mode::tls12) {
    st = p->seal(ctx, chunk, {}, body);
  } else if (inner == n + 1 && n >= 256) {
    // Encrypted straight from the caller's data: no copy into the record first. (A small
    // record is copied: a memcpy costs less than the second cipher update for the tail.)
    st = p->seal(ctx, chunk, ByteView(&type, 1), body);
  } else {
    if (n > 0) std::memcpy(body.data(), chunk.data(), n);
    body[n] = type;
    std::memset(body.data() + n + 1, 0, inner - n - 1);  // padding
    st = p->seal(ctx, body.first(inner), {}, body);
  }
  if (!st) {
    out_.resize(start);
    return Error::internal_error;
  }
  return {};
}

// ---------------------------------------------------------------------------------------------
// Keys

void StreamLayer::set_read_protection(std::unique_ptr<Protection> p) {
  read_.protection = std::move(p);
  read_.seq = 0;
}

void StreamLayer::set_write_protection(std::unique_ptr<Protection> p) {
  write_.protection = std::move(p);
  write_.seq = 0;
}

}  // namespace ember::tls::record
