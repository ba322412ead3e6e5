#pragma once
/// The double-precision stabilised reference (directKernelSums) as a backend, evaluated only
/// on a chosen subset of the query rows, so that fields can be checked at large N.
#include <vector>

#include "evaluators/direct_kernel_sums.h"

namespace driftlab {

class SampledReferenceBackend final : public KernelSumBackend {
 public:
  /// rows: the query rows to evaluate (ascending); other rows get logSum 0 and mean = query
  /// (finite placeholders).
  explicit SampledReferenceBackend(std::vector<Eigen::Index> rows) : m_rows(std::move(rows)) {}
  std::string id() const override { return "reference"; }

  void sums(const Kernel& kernel, ConstPointRef queries, const SourceSet& sources, bool excludeSelf,
            KernelSums& out) override {
    PointSet subset(m_rows.size(), queries.cols());
    std::vector<Eigen::Index> self(m_rows.size(), -1);
    for (size_t r = 0; r < m_rows.size(); ++r) {
      subset.row(r) = queries.row(m_rows[r]);
      if (excludeSelf) self[r] = m_rows[r];
    }
    KernelSums part;
    directKernelSums(kernel, subset, sources.points, self.data(), part);
    out.resize(queries.rows(), queries.cols());
    out.logSum.setZero();
    out.mean = queries;
    for (size_t r = 0; r < m_rows.size(); ++r) {
      out.logSum[m_rows[r]] = part.logSum[r];
      out.mean.row(m_rows[r]) = part.mean.row(r);
    }
  }

  const std::vector<Eigen::Index>& rows() const { return m_rows; }

 private:
  std::vector<Eigen::Index> m_rows;
};

}  // namespace driftlab
