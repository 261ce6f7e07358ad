// @brief Normalisation of the date formats found in Vietnamese news to ISO "YYYY-MM-DD".
#include "indexer/date.h"

#include <algorithm>
#include <cctype>
#include <cstdio>
#include <regex>
#include <string_view>

namespace vnsearch::indexer {
namespace {

/// Dates sit at the start of short fields; a bound keeps regex search cheap.
constexpr size_t kMaxDateTextBytes = 200;
constexpr int kMinYear = 1900;
constexpr int kMaxYear = 2100;
constexpr int64_t kVietnamUtcOffsetSeconds = 7 * 3600;

bool is_leap_year(int year) { return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0; }

int days_in_month(int year, int month) {
  static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  return month == 2 && is_leap_year(year) ? 29 : kDays[month - 1];
}

std::string iso_date(int year, int month, int day) {
  if (year < kMinYear || year > kMaxYear || month < 1 || month > 12 || day < 1 ||
      day > days_in_month(year, month)) {
    return "";
  }
  char buffer[40];  // room for any three ints, so the compiler sees no truncation
  std::snprintf(buffer, sizeof buffer, "%04d-%02d-%02d", year, month, day);
  return buffer;
}

int to_int(const std::ssub_match& match) { return std::stoi(match.str()); }

/// 1-12 for an English month name or an abbreviation of at least three
/// letters ("nov", "sept"), lower case; else 0.
int english_month(const std::string& name) {
  static constexpr std::string_view kMonths[] = {"january",   "february", "march",    "april",
                                                 "may",       "june",     "july",     "august",
                                                 "september", "october",  "november", "december"};
  if (name.size() < 3) return 0;
  for (int i = 0; i < 12; ++i) {
    if (kMonths[i].substr(0, name.size()) == name) return i + 1;
  }
  return 0;
}

/// Days since 1970-01-01 to a civil date (Howard Hinnant's algorithm).
void civil_from_days(int64_t days, int* year, int* month, int* day) {
  days += 719468;
  const int64_t era = (days >= 0 ? days : days - 146096) / 146097;
  const int64_t day_of_era = days - era * 146097;
  const int64_t year_of_era =
      (day_of_era - day_of_era / 1460 + day_of_era / 36524 - day_of_era / 146096) / 365;
  const int64_t day_of_year =
      day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
  const int64_t month_index = (5 * day_of_year + 2) / 153;
  *day = static_cast<int>(day_of_year - (153 * month_index + 2) / 5 + 1);
  *month = static_cast<int>(month_index < 10 ? month_index + 3 : month_index - 9);
  *year = static_cast<int>(year_of_era + era * 400 + (*month <= 2 ? 1 : 0));
}

}  // namespace

std::string date_from_unix_seconds(int64_t seconds) {
  // Bounds keep the arithmetic far from overflow; iso_date() checks the year.
  constexpr int64_t kLimit = int64_t{1} << 40;
  if (seconds < -kLimit || seconds > kLimit) return "";
  const int64_t local = seconds + kVietnamUtcOffsetSeconds;
  const int64_t days = local >= 0 ? local / 86400 : (local - 86399) / 86400;
  int year = 0;
  int month = 0;
  int day = 0;
  civil_from_days(days, &year, &month, &day);
  return iso_date(year, month, day);
}

std::string normalize_date(std::string_view text) {
  std::string lower(text.substr(0, kMaxDateTextBytes));
  std::transform(lower.begin(), lower.end(), lower.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  const auto first = lower.find_first_not_of(" \t\r\n");
  if (first == std::string::npos) return "";
  lower.erase(0, first);
  lower.erase(lower.find_last_not_of(" \t\r\n") + 1);

  // Unix time: the whole field is 10 (seconds) or 13 (milliseconds) digits.
  if ((lower.size() == 10 || lower.size() == 13) &&
      std::all_of(lower.begin(), lower.end(), [](unsigned char c) { return std::isdigit(c); })) {
    const int64_t number = std::stoll(lower);
    return date_from_unix_seconds(lower.size() == 13 ? number / 1000 : number);
  }

  // Each pattern is anchored to non-digits so "123/11/2020" is not read as 23/11.
  static const std::regex kYearFirst(R"((?:^|\D)(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?!\d))");
  static const std::regex kDayFirst(R"((?:^|\D)(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})(?!\d))");
  static const std::regex kCompact(R"((?:^|\D)(\d{4})(\d{2})(\d{2})(?!\d))");
  // "ngày 1 tháng 11 năm 2020" (the words in UTF-8; only ASCII was lowered).
  static const std::regex kVietnameseWords(
      "(?:ng\xC3\xA0y\\s+)?(\\d{1,2})\\s+th\xC3\xA1ng\\s+(\\d{1,2})\\s*,?\\s*n\xC4\x83m\\s+(\\d{4}"
      ")");
  static const std::regex kDayMonthName(R"((?:^|\D)(\d{1,2})\s+([a-z]{3,9})\.?,?\s+(\d{4}))");
  static const std::regex kMonthNameDay(
      R"(([a-z]{3,9})\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4}))");

  std::smatch match;
  if (std::regex_search(lower, match, kYearFirst)) {
    return iso_date(to_int(match[1]), to_int(match[2]), to_int(match[3]));
  }
  if (std::regex_search(lower, match, kDayFirst)) {
    return iso_date(to_int(match[3]), to_int(match[2]), to_int(match[1]));
  }
  if (std::regex_search(lower, match, kVietnameseWords)) {
    return iso_date(to_int(match[3]), to_int(match[2]), to_int(match[1]));
  }
  if (std::regex_search(lower, match, kCompact)) {
    return iso_date(to_int(match[1]), to_int(match[2]), to_int(match[3]));
  }
  if (std::regex_search(lower, match, kDayMonthName)) {
    const int month = english_month(match[2].str());
    if (month != 0) return iso_date(to_int(match[3]), month, to_int(match[1]));
  }
  if (std::regex_search(lower, match, kMonthNameDay)) {
    const int month = english_month(match[1].str());
    if (month != 0) return iso_date(to_int(match[3]), month, to_int(match[2]));
  }
  return "";
}

}  // namespace vnsearch::indexer
