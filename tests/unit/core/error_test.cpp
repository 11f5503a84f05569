// The exit codes of core/error: a bug is told apart from bad input and I/O.
#include "core/error.hpp"

#include <gtest/gtest.h>

#include <new>
#include <sstream>

namespace bilan {
namespace {

TEST(InternalError, IsALogicErrorNotAnIoOrUsageError) {
  try {
    throw InternalError("invariant rompu");
  } catch (const IoError&) {
    FAIL() << "an internal error is no I/O error (exit 2)";
  } catch (const UsageError&) {
    FAIL() << "an internal error is no usage error (exit 2)";
  } catch (const std::logic_error& e) {
    EXPECT_STREQ(e.what(), "invariant rompu");
  }
}

TEST(InternalError, TheLastResortSaysItIsABugAndExits70) {
  std::ostringstream err;
  EXPECT_EQ(report_internal_error(InternalError("écriture PDF : startxref absent"), err), 70);
  EXPECT_EQ(err.str(),
            "bilan: erreur interne: écriture PDF : startxref absent (c’est un défaut de bilan : signalez-le, avec la "
            "commande lancée)\n");
  EXPECT_EQ(kExitInternal, 70);
  EXPECT_NE(kExitInternal, 1);
  EXPECT_NE(kExitInternal, 2);
  EXPECT_NE(kExitInternal, 3);  // archive verify: environment changed
}

TEST(InternalError, AnyOtherUnexpectedExceptionIsReportedTheSameWay) {
  std::ostringstream err;
  EXPECT_EQ(report_internal_error(std::bad_alloc(), err), kExitInternal);
  EXPECT_TRUE(err.str().starts_with("bilan: erreur interne: ")) << err.str();
}

}  // namespace
}  // namespace bilan
