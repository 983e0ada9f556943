package dev.falkor.orm.embedded.internal;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.zip.GZIPInputStream;

/**
 * Reads one file out of a {@code .tar.gz} (a Python sdist): ustar headers, with the PAX
 * {@code path} record and GNU long names that Python's {@code tarfile} may write.
 */
public final class Tarballs {
    private static final int BLOCK = 512;

    private Tarballs() {
    }

    /**
     * Copies the entry named {@code <top-level directory>/<name>} to {@code target}.
     *
     * @return false if the archive has no such entry
     * @throws IOException if the archive cannot be read or is truncated
     */
    public static boolean extractTopLevel(Path tarGz, String name, Path target) throws IOException {
        try (InputStream in = new GZIPInputStream(new BufferedInputStream(Files.newInputStream(tarGz)), 1 << 16)) {
            String longName = null;
            byte[] header = new byte[BLOCK];
            while (true) {
                if (in.readNBytes(header, 0, BLOCK) < BLOCK) {
                    throw new IOException(tarGz + " is truncated");
                }
                if (isZero(header)) {
                    return false; // end of archive
                }
                long size = Long.parseLong(field(header, 124, 12).isEmpty() ? "0" : field(header, 124, 12), 8);
                char type = (char) header[156];
                String path = field(header, 0, 100);
                if ("ustar".equals(field(header, 257, 5)) && !field(header, 345, 155).isEmpty()) {
                    path = field(header, 345, 155) + "/" + path;
                }
                if (longName != null) {
                    path = longName;
                    longName = null;
                }
                if (type == 'x' || type == 'L') {
                    String meta = new String(in.readNBytes((int) size), StandardCharsets.UTF_8);
                    skip(in, padding(size));
                    longName = type == 'L' ? meta.replace("\0", "") : paxPath(meta);
                    continue;
                }
                int slash = path.indexOf('/');
                if ((type == '0' || type == '\0') && slash > 0 && path.substring(slash + 1).equals(name)) {
                    Files.copy(new Bounded(in, size), target, StandardCopyOption.REPLACE_EXISTING);
                    return true;
                }
                skip(in, size + padding(size));
            }
        }
    }

    private static String paxPath(String records) {
        // records are "<length> <key>=<value>\n"
        for (String record : records.split("\n")) {
            int space = record.indexOf(' ');
            if (space > 0 && record.startsWith("path=", space + 1)) {
                return record.substring(space + 1 + "path=".length());
            }
        }
        return null;
    }

    private static long padding(long size) {
        return (BLOCK - size % BLOCK) % BLOCK;
    }

    private static void skip(InputStream in, long n) throws IOException {
        in.skipNBytes(n);
    }

    private static boolean isZero(byte[] block) {
        for (byte b : block) {
            if (b != 0) {
                return false;
            }
        }
        return true;
    }

    private static String field(byte[] header, int offset, int length) {
        int end = offset;
        while (end < offset + length && header[end] != 0) {
            end++;
        }
        return new String(header, offset, end - offset, StandardCharsets.UTF_8).strip();
    }

    /** The next {@code size} bytes of the archive, as a stream of their own. */
    private static final class Bounded extends InputStream {
        private final InputStream in;
        private long left;

        Bounded(InputStream in, long size) {
            this.in = in;
            this.left = size;
        }

        @Override
        public int read() throws IOException {
            if (left <= 0) {
                return -1;
            }
            int b = in.read();
            if (b < 0) {
                throw new IOException("archive truncated");
            }
            left--;
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (left <= 0) {
                return -1;
            }
            int n = in.read(b, off, (int) Math.min(len, left));
            if (n < 0) {
                throw new IOException("archive truncated");
            }
            left -= n;
            return n;
        }
    }
}
