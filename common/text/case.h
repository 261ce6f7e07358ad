// @brief Whole-string normalisation for text that is not tokenised: the one
// NFC and the one lower-case form of names, rules and titles, shared by the
// reader and the schema.
#pragma once

#include <string>
#include <string_view>

namespace vnsearch::text {

/// NFC-normalised, Unicode case-folded copy of `s` (invalid UTF-8 replaced):
/// how names, boilerplate rules and title words are compared.
std::string lower_nfc(std::string_view s);

/// `*utf8` (valid UTF-8) in Unicode normalisation form C. Text already NFC
/// (most) costs one quick check and no allocation.
void nfc_in_place(std::string* utf8);
/// A copy of `utf8` in normalisation form C.
std::string nfc(std::string_view utf8);

}  // namespace vnsearch::text
