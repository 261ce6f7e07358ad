#include "searcher/web/http.h"

#include "common/text/utf8.h"

namespace vnsearch::searcher::web {
namespace {

int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

/// Decodes one name or value of a query string.
std::string decode_component(std::string_view raw) {
  std::string out;
  out.reserve(raw.size());
  for (size_t i = 0; i < raw.size(); ++i) {
    const char c = raw[i];
    if (c == '+') {
      out += ' ';
    } else if (c == '%') {
      const bool complete = i + 2 < raw.size();
      const int high = complete ? hex_value(raw[i + 1]) : -1;
      const int low = complete ? hex_value(raw[i + 2]) : -1;
      if (high < 0 || low < 0) throw BadRequest("Chuỗi truy vấn có mã %XX sai");
      out += static_cast<char>(high * 16 + low);
      i += 2;
    } else {
      out += c;
    }
  }
  if (!valid_utf8(out)) throw BadRequest("Chuỗi truy vấn không phải UTF-8 hợp lệ");
  for (char& ch : out) {
    const auto byte = static_cast<unsigned char>(ch);
    if (ch == '\t' || ch == '\n' || ch == '\r') {
      ch = ' ';  // a value pasted with its line breaks
    } else if (byte < 0x20 || byte == 0x7F) {
      throw BadRequest("Chuỗi truy vấn có ký tự điều khiển");
    }
  }
  return out;
}

}  // namespace

bool valid_utf8(std::string_view text) {
  for (size_t i = 0; i < text.size();) {
    size_t length = 0;
    const char32_t c = text::decode_utf8(text, i, &length);
    // U+FFFD itself is three bytes; a one-byte U+FFFD is a decoding error.
    if (c == text::kReplacementChar && length == 1) return false;
    i += length;
  }
  return true;
}

QueryParams QueryParams::parse(std::string_view raw) {
  if (raw.size() > kMaxQueryStringBytes) {
    throw BadRequest("Chuỗi truy vấn quá dài (tối đa " + std::to_string(kMaxQueryStringBytes) +
                     " byte)");
  }
  QueryParams params;
  size_t start = 0;
  while (start < raw.size()) {
    size_t end = raw.find('&', start);
    if (end == std::string_view::npos) end = raw.size();
    const std::string_view pair = raw.substr(start, end - start);
    start = end + 1;
    if (pair.empty()) continue;
    if (params.params_.size() >= kMaxParameters) {
      throw BadRequest("Chuỗi truy vấn có quá nhiều tham số");
    }
    const size_t equals = pair.find('=');
    std::string name = decode_component(pair.substr(0, equals));
    std::string value = equals == std::string_view::npos
                            ? std::string()
                            : decode_component(pair.substr(equals + 1));
    for (const auto& [seen, unused] : params.params_) {
      if (seen == name) throw BadRequest("Tham số '" + name + "' xuất hiện hai lần");
    }
    params.params_.emplace_back(std::move(name), std::move(value));
  }
  return params;
}

std::optional<std::string> QueryParams::get(std::string_view name) const {
  for (const auto& [key, value] : params_) {
    if (key == name) return value.empty() ? std::nullopt : std::optional<std::string>(value);
  }
  return std::nullopt;
}

std::string url_encode(std::string_view text) {
  static const char* const kHex = "0123456789ABCDEF";
  std::string out;
  out.reserve(text.size() * 3);
  for (const char c : text) {
    const auto byte = static_cast<unsigned char>(c);
    if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' ||
        c == '.' || c == '_' || c == '~') {
      out += c;
    } else {
      out += '%';
      out += kHex[byte >> 4];
      out += kHex[byte & 0xF];
    }
  }
  return out;
}

long long parse_number(std::string_view text, long long low, long long high,
                       std::string_view name) {
  const auto bad = [&] {
    return BadRequest("Tham số '" + std::string(name) + "' phải là số nguyên từ " +
                      std::to_string(low) + " đến " + std::to_string(high));
  };
  if (text.empty() || text.size() > 18) throw bad();
  long long value = 0;
  for (const char c : text) {
    if (c < '0' || c > '9') throw bad();
    value = value * 10 + (c - '0');
  }
  if (value < low || value > high) throw bad();
  return value;
}

}  // namespace vnsearch::searcher::web
