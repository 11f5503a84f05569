#include "core/image_info.hpp"

#include <cstdint>
#include <string>

#include <gtest/gtest.h>

namespace bilan {
namespace {

void put32(std::string& s, std::uint32_t v) {
  for (int shift = 24; shift >= 0; shift -= 8) s += static_cast<char>((v >> shift) & 0xFF);
}
void put16(std::string& s, std::uint32_t v) {
  s += static_cast<char>((v >> 8) & 0xFF);
  s += static_cast<char>(v & 0xFF);
}

// Signature, then the IHDR chunk: length 13, "IHDR", width, height, depth, colour type…
std::string png(std::uint32_t width, std::uint32_t height) {
  std::string s("\x89PNG\r\n\x1a\n", 8);
  put32(s, 13);
  s += "IHDR";
  put32(s, width);
  put32(s, height);
  s += std::string("\x08\x02\x00\x00\x00", 5);
  put32(s, 0);  // CRC (not checked)
  return s;
}

// SOI, an APP0 (JFIF) segment, optionally a DQT, then a start-of-frame.
std::string jpeg(std::uint32_t width, std::uint32_t height, unsigned char sof = 0xC0, bool extra_segment = true) {
  std::string s("\xFF\xD8", 2);
  s += std::string("\xFF\xE0", 2);
  put16(s, 16);
  s += std::string("JFIF\0\x01\x01\x00\x00\x01\x00\x01\x00\x00", 14);
  if (extra_segment) {
    s += std::string("\xFF\xDB", 2);
    put16(s, 67);
    s += std::string(65, '\x01');
  }
  s += '\xFF';
  s += static_cast<char>(sof);
  put16(s, 17);
  s += '\x08';
  put16(s, height);
  put16(s, width);
  s += std::string("\x03\x01\x22\x00\x02\x11\x01\x03\x11\x01", 10);
  return s;
}

TEST(ImageInfo, ReadsPngSize) {
  std::string error;
  const auto info = try_read_image_info(png(640, 480), error);
  ASSERT_TRUE(info) << error;
  EXPECT_EQ(info->format, ImageFormat::Png);
  EXPECT_EQ(info->width, 640u);
  EXPECT_EQ(info->height, 480u);
  EXPECT_EQ(error, "");
}

TEST(ImageInfo, ReadsLargePngSizeBigEndian) {
  std::string error;
  const auto info = try_read_image_info(png(0x00012345, 0x01020304), error);
  ASSERT_TRUE(info) << error;
  EXPECT_EQ(info->width, 0x12345u);
  EXPECT_EQ(info->height, 0x1020304u);
}

TEST(ImageInfo, TruncatedPng) {
  std::string error;
  EXPECT_FALSE(try_read_image_info(png(10, 10).substr(0, 23), error));
  EXPECT_EQ(error, "image PNG tronquée");
  error.clear();
  EXPECT_FALSE(try_read_image_info(std::string("\x89PNG\r\n\x1a\n", 8), error));
  EXPECT_EQ(error, "image PNG tronquée");
}

TEST(ImageInfo, PngWithoutIhdrFirst) {
  std::string bytes = png(10, 10);
  bytes.replace(12, 4, "IDAT");
  std::string error;
  EXPECT_FALSE(try_read_image_info(bytes, error));
  EXPECT_EQ(error, "image PNG tronquée");
}

TEST(ImageInfo, PngOfZeroSize) {
  std::string error;
  EXPECT_FALSE(try_read_image_info(png(0, 10), error));
  EXPECT_EQ(error, "image PNG de taille nulle");
  EXPECT_FALSE(try_read_image_info(png(10, 0), error));
  EXPECT_EQ(error, "image PNG de taille nulle");
}

TEST(ImageInfo, ReadsJpegSizeAfterOtherSegments) {
  std::string error;
  const auto info = try_read_image_info(jpeg(1024, 768), error);
  ASSERT_TRUE(info) << error;
  EXPECT_EQ(info->format, ImageFormat::Jpeg);
  EXPECT_EQ(info->width, 1024u);
  EXPECT_EQ(info->height, 768u);
}

TEST(ImageInfo, ReadsProgressiveJpeg) {
  std::string error;
  const auto info = try_read_image_info(jpeg(300, 200, 0xC2, false), error);
  ASSERT_TRUE(info) << error;
  EXPECT_EQ(info->width, 300u);
  EXPECT_EQ(info->height, 200u);
}

TEST(ImageInfo, SkipsHuffmanTableMarkerThatIsNotAFrame) {
  // 0xC4 (DHT) lies in the SOF range but carries no size.
  std::string s("\xFF\xD8\xFF\xC4", 4);
  put16(s, 5);
  s += std::string("\x00\x00\x00", 3);
  s += jpeg(50, 60, 0xC0, false).substr(2);
  std::string error;
  const auto info = try_read_image_info(s, error);
  ASSERT_TRUE(info) << error;
  EXPECT_EQ(info->width, 50u);
  EXPECT_EQ(info->height, 60u);
}

TEST(ImageInfo, TruncatedJpeg) {
  const std::string full = jpeg(1024, 768);
  std::string error;
  EXPECT_FALSE(try_read_image_info(full.substr(0, full.size() - 12), error));  // cut inside the frame header
  EXPECT_EQ(error, "image JPEG illisible (dimensions introuvables)");
  error.clear();
  EXPECT_FALSE(try_read_image_info(full.substr(0, 3), error));
  EXPECT_EQ(error, "image JPEG illisible (dimensions introuvables)");
  error.clear();
  EXPECT_FALSE(try_read_image_info(full.substr(0, 30), error));  // no frame at all
  EXPECT_EQ(error, "image JPEG illisible (dimensions introuvables)");
}

TEST(ImageInfo, JpegOfZeroSize) {
  std::string error;
  EXPECT_FALSE(try_read_image_info(jpeg(0, 10), error));
  EXPECT_EQ(error, "image JPEG illisible (dimensions introuvables)");
}

TEST(ImageInfo, JpegWithGarbageAfterSoi) {
  std::string error;
  EXPECT_FALSE(try_read_image_info(std::string("\xFF\xD8\xFF\xE0\x00", 5) + std::string(40, 'x'), error));
  EXPECT_EQ(error, "image JPEG illisible (dimensions introuvables)");
}

TEST(ImageInfo, GarbageIsNotAnImage) {
  std::string error;
  EXPECT_FALSE(try_read_image_info("GIF89a\x01\x00\x01\x00", error));
  EXPECT_EQ(error, "format d’image non pris en charge (PNG ou JPEG attendu)");
  error.clear();
  EXPECT_FALSE(try_read_image_info("", error));
  EXPECT_EQ(error, "format d’image non pris en charge (PNG ou JPEG attendu)");
  error.clear();
  EXPECT_FALSE(try_read_image_info(std::string("\xFF\xD8", 2), error));
  EXPECT_EQ(error, "format d’image non pris en charge (PNG ou JPEG attendu)");
}

}  // namespace
}  // namespace bilan
