#include "base/random_stream.h"

#include <numbers>

namespace driftlab {

namespace {
std::uint64_t mix(std::uint64_t z) {
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
  return z ^ (z >> 31);
}
}  // namespace

RandomStream::RandomStream(std::uint64_t seed, StreamPurpose purpose, std::uint64_t index,
                           std::uint64_t epoch) {
  std::uint64_t s = mix(seed + 0x9e3779b97f4a7c15ULL);
  s = mix(s ^ (static_cast<std::uint64_t>(purpose) * 0xd1b54a32d192ed03ULL));
  s = mix(s ^ (epoch * 0xabc98388fb8fac03ULL));
  m_state = mix(s ^ (index + 0x8cb92ba72f3d8dd7ULL));
}

std::uint64_t RandomStream::nextU64() {
  m_state += 0x9e3779b97f4a7c15ULL;
  return mix(m_state);
}

double RandomStream::uniform() {
  // 53 random bits, shifted by half an ulp so that 0 is never returned.
  return (static_cast<double>(nextU64() >> 11) + 0.5) * (1.0 / 9007199254740992.0);
}

double RandomStream::normal() {
  if (m_hasSpare) {
    m_hasSpare = false;
    return m_spare;
  }
  const double u1 = uniform();
  const double u2 = uniform();
  const double r = std::sqrt(-2.0 * std::log(u1));
  const double a = 2.0 * std::numbers::pi * u2;
  m_spare = r * std::sin(a);
  m_hasSpare = true;
  return r * std::cos(a);
}

}  // namespace driftlab
