#include "bearer_token_check.h"

#include <cstddef>

namespace kansoku {

namespace {

constexpr std::string_view bearerScheme = "bearer";

bool isSpace(char c)
{
    return c == ' ' || c == '\t';
}

std::string_view trimmed(std::string_view text)
{
    while (!text.empty() && isSpace(text.front()))
        text.remove_prefix(1);
    while (!text.empty() && isSpace(text.back()))
        text.remove_suffix(1);
    return text;
}

bool startsWithSchemeIgnoringCase(std::string_view text)
{
    if (text.size() <= bearerScheme.size() || !isSpace(text[bearerScheme.size()]))
        return false;
    for (std::size_t i = 0; i < bearerScheme.size(); ++i) {
        const char c = text[i];
        const char lower = (c >= 'A' && c <= 'Z') ? char(c - 'A' + 'a') : c;
        if (lower != bearerScheme[i])
            return false;
    }
    return true;
}

} // namespace

BearerTokenCheck::Verdict BearerTokenCheck::check(std::string_view expectedToken,
                                                  std::string_view authorization)
{
    if (expectedToken.empty())
        return Verdict::Authorized;
    const std::string_view value = trimmed(authorization);
    if (!startsWithSchemeIgnoringCase(value))
        return Verdict::Missing;
    const std::string_view credential = trimmed(value.substr(bearerScheme.size()));
    return equalInConstantTime(credential, expectedToken) ? Verdict::Authorized : Verdict::Wrong;
}

std::string BearerTokenCheck::message(Verdict verdict)
{
    switch (verdict) {
    case Verdict::Authorized:
        return {};
    case Verdict::Missing:
        return "this receiver requires a token: send the header 'authorization: Bearer <token>' "
               "(OTEL_EXPORTER_OTLP_HEADERS=authorization=Bearer%20<token>)";
    case Verdict::Wrong:
        return "the bearer token is not the one this receiver expects";
    }
    return {};
}

bool BearerTokenCheck::equalInConstantTime(std::string_view a, std::string_view b)
{
    // Every byte of the longer text is visited whatever the contents; only the lengths, which
    // are no secret, shape the loop.
    const std::size_t length = a.size() > b.size() ? a.size() : b.size();
    unsigned difference = a.size() == b.size() ? 0U : 1U;
    for (std::size_t i = 0; i < length; ++i) {
        const unsigned char left = i < a.size() ? static_cast<unsigned char>(a[i]) : 0;
        const unsigned char right = i < b.size() ? static_cast<unsigned char>(b[i]) : 0;
        difference |= unsigned(left ^ right);
    }
    return difference == 0;
}

} // namespace kansoku
