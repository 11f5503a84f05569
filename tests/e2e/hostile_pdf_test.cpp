// Hostile PDFs given to `bilan extract` and `bilan import-pdf` (issue 18):
// files of 2 MB whose attachment, second attachment, XMP metadata, object
// stream or cross-reference stream inflates to 2 GiB are refused at the limit of what they hold
// (docs/limits.md), with a message naming the file and the object, and at
// the cost of that limit, not of the bomb; a field with more widgets than
// the limit is refused. The files are written by tests/support/hostile_pdf.hpp.
#include <fcntl.h>
#include <gtest/gtest.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <string>
#include <vector>

#include "support/hostile_pdf.hpp"
#include "support/test_support.hpp"

namespace bilan {
namespace {

using testing::bilan_binary;
using testing::run;

constexpr std::uint64_t kBombMib = 2048;  // 2 GiB once decoded

struct Peak {
  int exit_code = -1;
  long max_rss_kib = 0;
};

// Runs argv with its output thrown away; its exit code and peak resident memory.
Peak peak_of(const std::vector<std::string>& argv) {
  std::vector<char*> args;
  for (const auto& a : argv) args.push_back(const_cast<char*>(a.c_str()));
  args.push_back(nullptr);
  const pid_t child = fork();
  if (child == 0) {
    const int null = open("/dev/null", O_WRONLY);
    dup2(null, 1);
    dup2(null, 2);
    execv(args[0], args.data());
    _exit(127);
  }
  Peak p;
  int status = 0;
  rusage usage{};
  if (child > 0 && wait4(child, &status, 0, &usage) == child) {
    p.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    p.max_rss_kib = usage.ru_maxrss;
  }
  return p;
}

// Unbounded, each of these needs more than 2 GiB: a bound that works keeps
// far under a quarter of that (about 40 MB here, more under the sanitizers).
constexpr long kMaxRssKib = 512 * 1024;

std::string write_pdf(const std::string& dir, const std::string& name, const std::string& bytes) {
  const std::string path = dir + "/" + name;
  testing::write_text(path, bytes);
  return path;
}

TEST(HostilePdf, TheBombsAreWhatTheySay) {
  // The generator itself: a bomb decodes to what it claims, zeros after its prefix.
  const std::string z = testing::zlib_bomb(3, "<?xml");
  std::string out(3 << 20, 'x');
  uLongf size = out.size();
  ASSERT_EQ(uncompress(reinterpret_cast<Bytef*>(out.data()), &size, reinterpret_cast<const Bytef*>(z.data()), z.size()), Z_OK);
  EXPECT_EQ(size, 3u << 20);
  EXPECT_TRUE(out.starts_with("<?xml"));
  EXPECT_EQ(out.find_first_not_of('\0', 5), std::string::npos);
  EXPECT_LT(testing::zlib_bomb(kBombMib).size(), 2500000u);
}

TEST(HostilePdf, AttachmentBombIsStoppedAtTheLimit) {
  const std::string dir = testing::temp_dir();
  const std::string pdf =
      write_pdf(dir, "bombe.pdf", testing::pdf_with_attachments({{"reponses.xml", testing::zlib_bomb(kBombMib, "<?xml")}}));
  const auto r = run({bilan_binary(), "extract", pdf});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_EQ(r.err, pdf +
                       ": erreur: fichier joint « reponses.xml » (objet 4) : trop volumineux une fois décompressé (limite : "
                       "16\u202F777\u202F216 octets)\n");
  EXPECT_EQ(r.out, "");
  const Peak p = peak_of({bilan_binary(), "extract", pdf});
  EXPECT_EQ(p.exit_code, 1);
  EXPECT_LT(p.max_rss_kib, kMaxRssKib);
}

TEST(HostilePdf, SecondAttachmentBombIsStoppedAtTheLimit) {
  const std::string dir = testing::temp_dir();
  const std::string answers = testing::read_text(testing::source_path("samples/minimal-2024-2025.xml"));
  const std::string pdf = write_pdf(dir, "bombe.pdf",
                                    testing::pdf_with_attachments({{"reponses.xml", testing::zlib(answers)},
                                                                   {"suite.xml", testing::zlib_bomb(kBombMib)}}));
  const auto r = run({bilan_binary(), "extract", pdf});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_EQ(r.err, pdf +
                       ": erreur: fichier joint « suite.xml » (objet 6) : trop volumineux une fois décompressé (limite : "
                       "16\u202F777\u202F216 octets)\n");
  EXPECT_LT(peak_of({bilan_binary(), "extract", pdf}).max_rss_kib, kMaxRssKib);

  // The same file with a second attachment of 1 MiB: read, the answers given back.
  const std::string fine = write_pdf(dir, "sain.pdf",
                                     testing::pdf_with_attachments({{"reponses.xml", testing::zlib(answers)},
                                                                    {"suite.xml", testing::zlib_bomb(1)}}));
  const auto ok = run({bilan_binary(), "extract", fine});
  EXPECT_EQ(ok.exit_code, 0) << ok.err;
  EXPECT_EQ(ok.out, answers);
}

TEST(HostilePdf, MetadataBombIsStoppedAtItsLimit) {
  const std::string dir = testing::temp_dir();
  const std::string answers = testing::read_text(testing::source_path("samples/minimal-2024-2025.xml"));
  const std::string pdf = write_pdf(
      dir, "bombe.pdf",
      testing::pdf_with_attachments({{"reponses.xml", testing::zlib(answers)}}, testing::zlib_bomb(kBombMib, "<?xpacket")));
  const auto r = run({bilan_binary(), "extract", pdf});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_EQ(r.err, pdf +
                       ": erreur: métadonnées XMP (objet 6) : trop volumineuses une fois décompressées (limite : "
                       "4\u202F194\u202F304 octets)\n");
  EXPECT_LT(peak_of({bilan_binary(), "extract", pdf}).max_rss_kib, kMaxRssKib);
}

TEST(HostilePdf, ObjectStreamBombIsStoppedBeforeQpdfReadsIt) {
  const std::string dir = testing::temp_dir();
  const std::string pdf = write_pdf(dir, "bombe.pdf", testing::pdf_with_object_stream(kBombMib));
  const std::string message =
      ": erreur: flux d’objets (objet 4) : trop volumineux une fois décompressé (limite : 16\u202F777\u202F216 octets)\n";
  for (const char* command : {"extract", "import-pdf"}) {
    const auto r = run({bilan_binary(), command, pdf});
    EXPECT_EQ(r.exit_code, 1) << command;
    EXPECT_EQ(r.err, pdf + message) << command;
    EXPECT_LT(peak_of({bilan_binary(), command, pdf}).max_rss_kib, kMaxRssKib) << command;
  }
  // Its catalog in an object stream of 1 MiB: read (a bilan with no field).
  const std::string fine = write_pdf(dir, "sain.pdf", testing::pdf_with_object_stream(1));
  const auto ok = run({bilan_binary(), "import-pdf", fine, "--partial"});
  EXPECT_EQ(ok.exit_code, 0) << ok.err;
  EXPECT_EQ(ok.out, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<bilan form=\"clas-2024-2025\" department=\"47\">\n</bilan>\n");
}

TEST(HostilePdf, CrossReferenceStreamBombIsStoppedAtItsLimit) {
  const std::string dir = testing::temp_dir();
  const std::string pdf = write_pdf(dir, "bombe.pdf", testing::pdf_with_cross_reference_bomb(kBombMib));
  for (const char* command : {"extract", "import-pdf"}) {
    const auto r = run({bilan_binary(), command, pdf});
    EXPECT_EQ(r.exit_code, 1) << command;
    EXPECT_EQ(r.err, pdf +
                         ": erreur: flux de références croisées : trop volumineux une fois décompressé (limite : "
                         "16\u202F777\u202F216 octets)\n")
        << command;
    EXPECT_LT(peak_of({bilan_binary(), command, pdf}).max_rss_kib, kMaxRssKib) << command;
  }
  // The same structure, its cross-reference stream 1 MiB once decoded: read.
  const std::string fine = write_pdf(dir, "sain.pdf", testing::pdf_with_cross_reference_bomb(1));
  const auto ok = run({bilan_binary(), "extract", fine});
  EXPECT_EQ(ok.exit_code, 1);
  EXPECT_EQ(ok.err, fine +
                        ": erreur: ce PDF n’est pas un bilan archivé par bilan : il ne porte pas de fichier de réponses "
                        "« reponses.xml » (produit par « ? »)\n");
}

TEST(HostilePdf, ObjectAndCrossReferenceStreamsOfAReaderAreRead) {
  // qpdf rewrites an archived bilan with object streams and a compressed
  // cross-reference stream (PNG predictor), as PDF readers save: the answers
  // come back byte for byte through the bounded decoders.
  const std::string dir = testing::temp_dir();
  const std::string answers = testing::source_path("samples/association-urbaine-2024-2025.xml");
  ASSERT_EQ(run({bilan_binary(), "fill", answers, "--pdfa", "-o", dir + "/a.pdf"}).exit_code, 0);
  const auto q = run({"qpdf", "--object-streams=generate", dir + "/a.pdf", dir + "/b.pdf"});
  ASSERT_EQ(q.exit_code, 0) << q.err;
  ASSERT_NE(testing::read_text(dir + "/b.pdf").find("/Predictor 12"), std::string::npos);
  const auto r = run({bilan_binary(), "extract", dir + "/b.pdf"});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out, testing::read_text(answers));
}

TEST(HostilePdf, AFieldHasAtMost64Widgets) {
  const std::string dir = testing::temp_dir();
  const std::string pdf = write_pdf(dir, "widgets.pdf", testing::pdf_with_widgets(101));
  const auto r = run({bilan_binary(), "import-pdf", pdf, "--partial"});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_EQ(r.err, pdf + ": erreur: champ « structure » : trop de widgets (101, limite 64)\n");
  EXPECT_EQ(r.out, "");
  const std::string fine = write_pdf(dir, "64.pdf", testing::pdf_with_widgets(64));
  const auto ok = run({bilan_binary(), "import-pdf", fine, "--partial"});
  EXPECT_EQ(ok.exit_code, 0) << ok.err;
  EXPECT_EQ(ok.out, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<bilan form=\"clas-2024-2025\" department=\"47\">\n</bilan>\n");
}

}  // namespace
}  // namespace bilan
