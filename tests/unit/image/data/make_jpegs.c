/* Writes the small test JPEGs of decode_test.cpp with libjpeg (run from this folder):
 *   cc make_jpegs.c -ljpeg -o /tmp/make_jpegs && /tmp/make_jpegs */
#include <stdio.h>
#include <jpeglib.h>

static void write_jpeg(const char* name, int width, int height, int components, J_COLOR_SPACE space,
                       int progressive) {
  struct jpeg_compress_struct c;
  struct jpeg_error_mgr err;
  FILE* f = fopen(name, "wb");
  JSAMPLE row[64 * 4];
  c.err = jpeg_std_error(&err);
  jpeg_create_compress(&c);
  jpeg_stdio_dest(&c, f);
  c.image_width = width;
  c.image_height = height;
  c.input_components = components;
  c.in_color_space = space;
  jpeg_set_defaults(&c);
  if (progressive) jpeg_simple_progression(&c);
  jpeg_start_compress(&c, TRUE);
  while (c.next_scanline < c.image_height) {
    for (int i = 0; i < width * components; ++i) row[i] = (JSAMPLE)(i * 7 + c.next_scanline * 13);
    JSAMPROW rows[1] = {row};
    jpeg_write_scanlines(&c, rows, 1);
  }
  jpeg_finish_compress(&c);
  jpeg_destroy_compress(&c);
  fclose(f);
}

int main(void) {
  write_jpeg("gray.jpg", 16, 8, 1, JCS_GRAYSCALE, 0);
  write_jpeg("rgb.jpg", 16, 8, 3, JCS_RGB, 0);
  write_jpeg("cmyk.jpg", 16, 8, 4, JCS_CMYK, 0); /* libjpeg writes an Adobe APP14 marker for CMYK */
  write_jpeg("progressive.jpg", 20, 12, 3, JCS_RGB, 1);
  return 0;
}
