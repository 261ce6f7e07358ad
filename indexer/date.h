// @brief Normalisation of the date formats found in Vietnamese news to ISO "YYYY-MM-DD".
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace vnsearch::indexer {

/// The first date found in `text` as "YYYY-MM-DD", or "" when there is none
/// or it is not a real calendar date (year 1900-2100).
///
/// Understood: "2020-11-01", "2020/11/01", "2020.11.01", with any time and
/// zone after it ("2020-11-01T08:30:00+07:00", kept as written, not shifted);
/// "20201101"; day first "01/11/2020", "1/11/2020 14:05", "01-11-2020",
/// "01.11.2020", also inside text ("Thứ hai, 02/11/2020 - 14:05");
/// "ngày 1 tháng 11 năm 2020"; "1 Nov 2020", "Nov 1, 2020", "Sun, 01 Nov 2020
/// 08:30:00 +0700"; Unix time in seconds or milliseconds (10 or 13 digits).
std::string normalize_date(std::string_view text);

/// Unix time (seconds) as the "YYYY-MM-DD" date in Vietnam (UTC+7), or "" out of range.
std::string date_from_unix_seconds(int64_t seconds);

}  // namespace vnsearch::indexer
