// The stream (TLS over TCP) record layer: input buffering and deframing, record protection
// per direction with implicit sequence numbers, size limits, fragmentation of outgoing data,
// and the output buffer. It knows records, not handshakes: what a record means is decided
// above it (the connection and the handshake machines).
//
// The DTLS record layer (RFC 6347 §4.1: explicit epoch and 48-bit sequence number, one record
// per datagram or several packed, replay window) takes this one's place beside it: the same
// Protection objects seal and open its records, and the layers above see the same Record.
#pragma once

#include <algorithm>
#include <cstdint>
#include <cstring>
#include <memory>
#include <optional>
#include <vector>

#include "ember/core/bytes.hpp"
#include "ember/core/result.hpp"
#include "tls/record/codec.hpp"
#include "tls/record/protection.hpp"

namespace ember::tls::record {

// A byte buffer whose resize() leaves new bytes uninitialised and keeps its storage when it
// shrinks, growing it as a vector would (to the larger of twice the old size and the new one).
// The record writers fill every byte they add: zeroing 16 KiB first cost ~2% of bulk
// throughput, and a vector with a non-initialising allocator still resizes byte by byte in an
// unoptimised (sanitizer) build, which made a 1-byte transport read cost 16 KiB of work.
class RecordBuffer {
 public:
  uint8_t* data() noexcept { return data_.get(); }
  const uint8_t* data() const noexcept { return data_.get(); }
  size_t size() const noexcept { return size_; }
  bool empty() const noexcept { return size_ == 0; }
  void clear() noexcept { size_ = 0; }
  void resize(size_t n) {
    if (n > capacity_) grow(n);
    size_ = n;
  }
  explicit operator ByteView() const noexcept { return {data_.get(), size_}; }

 private:
  void grow(size_t n) {
    size_t cap = std::max(n, 2 * capacity_);
    std::unique_ptr<uint8_t[]> bigger(new uint8_t[cap]);  // default-initialised: not zeroed
    if (size_ > 0) std::memcpy(bigger.get(), data_.get(), size_);
    data_ = std::move(bigger);
    capacity_ = cap;
  }
  std::unique_ptr<uint8_t[]> data_;
  size_t size_ = 0, capacity_ = 0;
};

// Which rules the protected records follow.
enum class Mode : uint8_t {
  tls12,  // every content type protected as itself
  tls13,  // protected records are application_data outside, the real type inside (+ padding)
};

// One record, opened: its content type (TLS 1.3: the inner type) and plaintext, which lies in
// the layer's input buffer and stays valid until the next call that reads or receives.
struct Record {
  uint8_t type = 0;
  MutableByteView fragment;
  bool protected_record = false;  // it was opened under keys
};

class StreamLayer {
 public:
  StreamLayer() = default;
  ~StreamLayer();
  StreamLayer(const StreamLayer&) = delete;
  StreamLayer& operator=(const StreamLayer&) = delete;

  // --- input ---
  void receive(ByteView data);
  // Zero-copy input: room for max bytes at the end of the input buffer, then commit n of them.
  MutableByteView input_space(size_t max);
  Status commit_input(size_t n);
  void drop_input_space();  // an uncommitted input_space() is discarded
  // The next whole record, opened (want_read when the input holds none). Checks the header,
  // the size limits and, under keys, the protection; TLS 1.3 padding is stripped.
  Result<Record> next_record();
  // Whether bytes of a next record are buffered (a partial or a whole one).
  bool input_pending() const { return in_.size() > in_pos_; }
  // Application data taken from a record (next_record()) and held until read out.
  void hold_application_data(const Record& r);
  bool application_data_pending() const { return app_off_ < app_end_; }
  size_t application_data_size() const { return app_end_ - app_off_; }
  size_t read_application_data(MutableByteView out);
  // Read fast path: when the next record is a whole protected application_data record (outer
  // type) that can be opened straight into out, opens it there. The application data is
  // returned; any more than fits is held (as hold_application_data would). A record of
  // another inner type (a post-handshake message, an alert) is `other`: direct_other() has it,
  // its plaintext in a buffer of the layer valid until the next call. `none`: the next record
  // is not one for this path (the general next_record() takes it). Small and trivially
  // copyable, so it comes back in registers: this is the small-record hot path.
  struct Direct {
    enum class Kind : uint8_t { none, app_data, other, failed };
    Kind kind = Kind::none;
    Error error = Error::ok;  // when failed
    size_t app_data = 0;      // bytes written to out
  };
  Direct read_direct(MutableByteView out);
  const Record& direct_other() const { return other_record_; }
  // Drops the input already consumed so that only the unread rest stays.
  void compact_input();
  size_t input_buffered() const { return in_.size(); }

  // --- output ---
  // Seals and queues data as records of `type`, fragmented to the send limit.
  Status send(uint8_t type, ByteView data);
  ByteView pending_output() const { return ByteView(out_).subspan(out_pos_); }
  void consume_output(size_t n);

  // --- keys and limits ---
  void set_mode(Mode m) { mode_ = m; }
  Mode mode() const { return mode_; }
  void set_read_protection(std::unique_ptr<Protection> p);
  void set_write_protection(std::unique_ptr<Protection> p);
  bool reading_protected() const { return read_.protection != nullptr; }
  bool writing_protected() const { return write_.protection != nullptr; }
  Protection* read_protection() const { return read_.protection.get(); }
  Protection* write_protection() const { return write_.protection.get(); }
  uint64_t read_sequence() const { return read_.seq; }
  uint64_t write_sequence() const { return write_.seq; }
  // Sends one record unprotected although write keys are set (TLS 1.3's compatibility
  // change_cipher_spec, RFC 8446 §D.4).
  Status send_unprotected(uint8_t type, ByteView data);
  // legacy_record_version of unprotected records sent from now on (0x0301 for a first
  // ClientHello, RFC 8446 §5.1; 0x0303 otherwise).
  void set_plaintext_version(uint16_t v) { plaintext_version_ = v; }
  // Largest plaintext per record we send: max_fragment (RFC 6066), and the peer's
  // record_size_limit (RFC 8449: inner plaintext, content type included) once protected.
  void set_send_limit(size_t max_fragment) { send_limit_ = max_fragment; }
  void set_peer_record_limit(size_t limit) { peer_record_limit_ = limit; }
  // Largest inner plaintext we accept (RFC 8449 limit we advertised; RFC 6066 max fragment).
  void set_receive_limit(size_t limit) { receive_limit_ = limit; }
  size_t receive_limit() const { return receive_limit_; }
  // TLS 1.3 records are padded so the inner plaintext is a multiple of this (0: none).
  void set_padding_block(size_t block) { padding_block_ = block; }

 private:
  friend struct StreamLayerTestAccess;  // tests: a peer that breaks the record rules
  struct Direction {
    std::unique_ptr<Protection> protection;
    uint64_t seq = 0;
  };
  Result<Record> open_record(const Header& h, uint8_t* header, MutableByteView fragment);
  Result<Record> inner_plaintext13(MutableByteView plain) const;
  Status seal_record(uint8_t type, ByteView chunk);
  Direct read_direct13(MutableByteView out);
  Direct read_direct12(MutableByteView out);
  void release_consumed();

  Mode mode_ = Mode::tls13;
  RecordBuffer in_;  // undecoded transport bytes
  size_t in_pos_ = 0;
  static constexpr size_t kNoInputSpace = SIZE_MAX;
  size_t in_space_at_ = kNoInputSpace;  // where an uncommitted input_space() begins
  size_t app_off_ = 0, app_end_ = 0;    // held application data: a range of in_
  Bytes other_;                         // read_direct: a non-application record's plaintext
  Record other_record_;                 // read_direct: that record
  RecordBuffer out_;                    // records ready for the transport
  size_t out_pos_ = 0;
  Direction read_, write_;
  uint16_t plaintext_version_ = kVersion12;
  size_t send_limit_ = kMaxPlaintext;
  size_t peer_record_limit_ = kMaxInnerPlaintext13;
  size_t receive_limit_ = kMaxInnerPlaintext13;
  size_t padding_block_ = 0;
};

}  // namespace ember::tls::record
