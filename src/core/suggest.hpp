// core/suggest — « vouliez-vous dire … ? »: the closest known name to a typo.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace bilan {

std::size_t edit_distance(std::string_view a, std::string_view b);
// The candidate closest to `word` when it is close enough to be a likely typo
// (distance at most a third of the word's length, and at least 1 for short words).
std::optional<std::string> closest_name(std::string_view word, const std::vector<std::string>& candidates);
// "vouliez-vous dire « x » ?" or "" — a Diagnostic's hint.
std::string suggestion(std::string_view word, const std::vector<std::string>& candidates);
// " (vouliez-vous dire « x » ?)" or "" — ready to append to a message that is
// not a Diagnostic (usage errors).
std::string did_you_mean(std::string_view word, const std::vector<std::string>& candidates);

}  // namespace bilan
